"""Render: facts to a mapping of relative path -> page content."""
