"""Rasa input channels of ours (Rasa glue; validation logic is plain functions in each module)."""
