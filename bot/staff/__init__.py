"""The staff answer library at /staff: staff of the informatiepunten search the bot's answers,
copy them in the worker's language, look up a worker's message, and (editors) propose changed
answer texts that a second editor approves before the bot uses them.

One job per module: `passwords` (argon2), `users` (accounts and roles), `sessions` (server-side
sessions in the database), `csrf`, `rate_limit` (failed logins), `library` (answers and their
revisions in the database), `search`, `plain_text` (WhatsApp-ready text), `render` (Jinja2,
autoescaped), `staff_language` (Dutch or English, the `staff` catalog), `language_views` (the
switch), `settings` (environment), `views` (the Sanic blueprint).
"""
