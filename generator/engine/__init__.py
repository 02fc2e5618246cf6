"""Engines: take the {path: content} mapping and make a site of it."""
