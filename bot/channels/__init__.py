"""What a channel does that is not Rasa: the WhatsApp Cloud API (signatures, reading webhooks,
pseudonyms, outgoing JSON), button payloads, clean identifiers, rate limits, signed sources,
message ids already answered and the inspectors' QR cards. No Rasa import here: the Rasa input
channels in bot/rasa/ call these functions. Anyone may import this package.
"""
