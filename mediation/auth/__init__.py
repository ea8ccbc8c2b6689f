"""Accounts, roles and scope, login sessions and API tokens."""
