"""Answers: the library of checked answers in data/faq/ (`library`), the texts staff approved
(`approved`), the registry of topics (`topics`), dated facts (`minimum_wage`, `fact_updates`),
what needs checking (`freshness`) and the content report (`report`). bot/staff/ imports this
package, never the reverse: every chat answer is built without the staff wing.
"""
