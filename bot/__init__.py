"""The Work in NL chatbot's own logic, independent of Rasa.

Packages by concern (the README's architecture section draws how a message flows through them):
  language/     which language a message is in and which one the conversation keeps
  answers/      the answer library, its approved revisions, dated facts and their rendering
  places/       towns, postcodes, regions and the help points on record
  calculators/  amounts, dates, the deduction check and the last insured day
  dialogue/     one turn read once, and the replies built for it (the outcome an action sends)
  channels/     what a channel does that is not Rasa: WhatsApp, payloads, pseudonyms, limits
  usage/        aggregate usage counts
  db/           SQLAlchemy models, sessions, migrations, retention
  staff/        the staff library at /staff (imports answers/, never the reverse)
  web/          the web chat page and its API
  rasa/         all Rasa glue: NLU components, input channels, stores, patches, servers
Only bot/rasa/ (and actions/, for rasa_sdk) may import Rasa.
"""
from pathlib import Path

# The project root: data/, locales/, domain.yml and var/ are found from here.
ROOT = Path(__file__).resolve().parent.parent
