"""The depot's business rules: plain Python on Peewee, no Textual (tests/unit/test_layers.py).

Each operation is one function taking the acting user first, running in one transaction and
writing its audit record in that same transaction.
"""
