"""Usage statistics as aggregates only: what is counted after an answer (`recording`) and the
counters, their CSV and chart (`stats`). No message text, no sender id.
"""
