"""All Rasa glue, and the only place in bot/ that imports Rasa: NLU components
(`folding_tokenizer`, `language_annotator`), input channels (`rest_channel`, `whatsapp_channel`,
`silence`), tracker and lock stores (`stores`, `store_urls`), the patches to Rasa's hot path
(`patches`, installed by `serve` at start) and the server entry points (`serve`,
`action_server`). The logic these call lives in the other packages and is tested without Rasa.
"""
