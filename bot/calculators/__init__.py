"""Calculators workers need: pure functions on amounts and dates, tested against worked examples."""
