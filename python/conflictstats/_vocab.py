"""One vocabulary with the CLI (``docs/cli.md``): the same keyword for the same idea in every
function — ``years=`` for a range of years, ``version=`` for a release, ``persistence=``,
``bootstrap=``, ``seed=`` — and the old keywords, kept for one version with a
:class:`DeprecationWarning`."""

from __future__ import annotations

from typing import TypeVar

from .exceptions import SpecError, _warn_at_caller

T = TypeVar("T")


def renamed(
    function: str, old: str, new: str, old_value: T | None, new_value: T | None
) -> T | None:
    """The value of keyword ``new``, or of its old name ``old`` (with a DeprecationWarning
    attributed to the caller of ``function``); both given is a :class:`SpecError`.

    >>> renamed("trend", "window", "years", None, (1995, 2024))
    (1995, 2024)
    """
    if old_value is None:
        return new_value
    if new_value is not None:
        raise SpecError(f"{function}() takes {new}= (or the deprecated {old}=), not both")
    _warn_at_caller(
        DeprecationWarning(
            f"{function}({old}=...) is deprecated: use {new}=... "
            "(the old name is accepted until the next version)"
        )
    )
    return old_value
