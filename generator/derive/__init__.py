"""Pure derivations: functions of the content and an injected ``today``. No I/O, no clock."""
