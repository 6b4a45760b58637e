"""``@frozen``: an immutable dataclass for which Python compiles one method, not six.

``@dataclass(frozen=True)`` on Python 3.11 writes the source of ``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` for every
class and compiles each as the class's module is imported: about half a
millisecond a class, some 20 ms of the app's start-up for the forty classes it
needs. ``@frozen`` lets ``dataclass`` generate only ``__init__`` and gives every
class the same five functions below, which read the class's fields instead of
having them written in. The price is paid when a value is made: ``__init__``
sets each field through the shared ``__setattr__`` (about 3 µs a value; 7 ms
more to open a workshop of 2,000 notes, against 20 ms off every start).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_SHARED = ("__setattr__", "__delattr__", "__eq__", "__hash__", "__repr__")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` a dataclass that behaves as ``@dataclass(frozen=True)`` makes it.

    ``__init__`` sets each field once (``__post_init__`` may still normalise one
    with ``object.__setattr__``); after that, assigning or deleting an attribute
    raises ``FrozenInstanceError``. Two instances are equal when they are of the
    same class and their fields are equal, in order; equal instances hash alike;
    ``repr`` shows ``Name(field=value, ...)``. ``dataclasses.fields``,
    ``replace`` and ``asdict`` work as on any dataclass.
    """
    defined = [name for name in _SHARED if name in cls.__dict__]
    if defined:
        raise TypeError(f"{cls.__qualname__} defines {', '.join(defined)}: "
                        "@frozen provides them")
    mutable = [base.__qualname__ for base in cls.__mro__[1:]
               if "__dataclass_fields__" in base.__dict__
               and "__frozen_values__" not in base.__dict__]
    if mutable:
        raise TypeError(f"{cls.__qualname__} cannot be @frozen on the mutable dataclass "
                        f"{', '.join(mutable)}")
    cls = dataclass(eq=False, repr=False)(cls)
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values: Callable[[object], Any]
    if len(names) > 1:
        values = attrgetter(*names)  # a tuple of the fields, as compared and hashed
    elif names:
        one = attrgetter(names[0])
        values = lambda obj: (one(obj),)  # noqa: E731 (a tuple too: nan == nan in one)
    else:
        values = _no_values
    cls.__frozen_values__ = staticmethod(values)  # type: ignore[attr-defined]
    cls.__setattr__ = _setattr  # type: ignore[method-assign,assignment]
    cls.__delattr__ = _delattr  # type: ignore[method-assign,assignment]
    cls.__eq__ = _eq  # type: ignore[method-assign,assignment]
    cls.__hash__ = _hash  # type: ignore[method-assign,assignment]
    cls.__repr__ = _repr  # type: ignore[method-assign,assignment]
    return cls


def _no_values(obj: object) -> tuple[()]:
    return ()


def _setattr(self: Any, name: str, value: object) -> None:
    # __init__ sets each field once; nothing is set after it (nor anything else)
    if name in self.__dict__ or name not in self.__dataclass_fields__:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    object.__setattr__(self, name, value)


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = self.__frozen_values__
    return bool(values(self) == values(other))


def _hash(self: Any) -> int:
    return hash(self.__frozen_values__(self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
    return f"{self.__class__.__qualname__}({shown})"
