"""Places: towns, villages, districts and postcodes in a message, matched to their municipality
and arbeidsmarktregio, and the regional help points on record (`gazetteer`). The region data is
loaded into the database by bot/db/queries.py.
"""
