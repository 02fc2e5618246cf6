"""How every command of the command line is made: one command class and one group
class, so that each command reports a refusal (generator.refusals.Refused) the same
way, as a usage error of that command (its message, no traceback, exit status 2)."""

from __future__ import annotations

from typing import Any

import click

from generator.refusals import Refused


class Command(click.Command):
    """A command whose refusals are usage errors of that command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as exc:
            raise click.UsageError(str(exc), ctx) from None


class Group(click.Group):
    """A group whose commands and sub-groups are made by this module."""

    command_class = Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as exc:  # raised by the group's own callback
            raise click.UsageError(str(exc), ctx) from None


Group.group_class = Group
