"""Authoring help for team leads: scaffolds, editor schemas and change summaries."""
