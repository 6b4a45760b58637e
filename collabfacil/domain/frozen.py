"""``@frozen``: an immutable dataclass whose methods cost nothing to import.

``@dataclass(frozen=True)`` on Python 3.11 writes the source of ``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__`` and ``__delattr__`` for every
class and compiles each as the class's module is imported: about half a
millisecond a class, some 20 ms of the app's start-up for the forty classes it
needs. ``@frozen`` gives every class the same five functions below, which read the
class's fields instead of having them written in, and writes ``__init__`` only
when the first value of the class is made: half the classes imported at start-up
make none before the windows show. ``__init__`` sets each field directly, as the
standard frozen one does; the shared ``__setattr__`` refuses any change after it.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_SHARED = ("__setattr__", "__delattr__", "__eq__", "__hash__", "__repr__")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: type[T]) -> type[T]:
    """Make ``cls`` a dataclass that behaves as ``@dataclass(frozen=True)`` makes it.

    ``__init__`` sets each field (``__post_init__`` may still normalise one with
    ``object.__setattr__``); assigning or deleting an attribute raises
    ``FrozenInstanceError``. Two instances are equal when they are of the
    same class and their fields are equal, in order; equal instances hash alike;
    ``repr`` shows ``Name(field=value, ...)``. ``dataclasses.fields``,
    ``replace`` and ``asdict`` work as on any dataclass.
    """
    defined = [name for name in ("__init__", *_SHARED) if name in cls.__dict__]
    if defined:
        raise TypeError(f"{cls.__qualname__} defines {', '.join(defined)}: "
                        "@frozen provides them")
    mutable = [base.__qualname__ for base in cls.__mro__[1:]
               if "__dataclass_fields__" in base.__dict__
               and "__frozen_values__" not in base.__dict__]
    if mutable:
        raise TypeError(f"{cls.__qualname__} cannot be @frozen on the mutable dataclass "
                        f"{', '.join(mutable)}")
    cls = dataclass(init=False, eq=False, repr=False)(cls)
    every = fields(cls)  # type: ignore[arg-type]
    pseudo = [f.name for f in cls.__dataclass_fields__.values()  # type: ignore[attr-defined]
              if f not in every and "InitVar" in str(f.type)]
    if pseudo:
        raise TypeError(f"{cls.__qualname__} has InitVar fields ({', '.join(pseudo)}): "
                        "@frozen does not take them")
    _check_order(cls, every)
    cls.__init__ = _first_init(cls)  # type: ignore[misc]
    cls.__signature__ = _Signature()  # type: ignore[attr-defined]
    names = tuple(f.name for f in every)
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


def _check_order(cls: type, every: tuple[Field[Any], ...]) -> None:
    """Refuse, as ``dataclass`` does when it writes ``__init__``, a positional field
    without a default after one with a default."""
    defaulted = False
    for f in every:
        if not f.init or f.kw_only:
            continue
        if f.default is MISSING and f.default_factory is MISSING:
            if defaulted:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
        else:
            defaulted = True


def _first_init(cls: type) -> Callable[..., None]:
    """An ``__init__`` that, called the first time, writes the class's own and
    puts it in its place: a class no value is made of costs no compiling."""

    def first(self: Any, *args: Any, **kwargs: Any) -> None:
        _written_init(cls)(self, *args, **kwargs)

    first.__name__ = "__init__"
    first.__qualname__ = f"{cls.__qualname__}.__init__"
    return first


class _Signature:
    """``inspect.signature`` of a @frozen class: that of its ``__init__`` (written
    now if not yet), as for any dataclass, not the placeholder's ``*args``."""

    def __get__(self, obj: object, owner: type) -> inspect.Signature:
        signature = inspect.signature(_written_init(owner))
        return signature.replace(parameters=list(signature.parameters.values())[1:])


def _written_init(cls: type) -> Callable[..., None]:
    """``cls``'s own ``__init__``, written now if it is still the placeholder."""
    if getattr(cls.__init__, "__code__", None) is _PLACEHOLDER:
        cls.__init__ = _compile_init(cls)  # type: ignore[misc]
    return cls.__init__  # type: ignore[misc]


def _compile_init(cls: type) -> Callable[..., None]:
    """``__init__`` for ``cls``, as ``dataclass`` writes it: its fields as
    parameters (keyword-only ones after ``*``), their defaults and default
    factories, each field set once, then ``__post_init__`` if there is one."""
    given: dict[str, Any] = {"__set": object.__setattr__, "__FACTORY": _FACTORY}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    every = fields(cls)
    for f in every:
        default = f"__default_{f.name}"
        if f.default_factory is not MISSING:
            given[f"__factory_{f.name}"] = f.default_factory
            made = f"__factory_{f.name}()"
        else:
            given[default] = f.default
            made = default
        if not f.init:
            if f.default is not MISSING or f.default_factory is not MISSING:
                body.append(f"__set(self, {f.name!r}, {made})")
            continue  # (with neither, as in dataclass: left unset)
        if f.default_factory is not MISSING:
            param = f"{f.name}=__FACTORY"
            body.append(f"if {f.name} is __FACTORY: {f.name} = {made}")
        elif f.default is not MISSING:
            param = f"{f.name}={default}"
        else:
            param = f.name
        (keyword if f.kw_only else positional).append(param)
        body.append(f"__set(self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    params = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = (f"def __make__({', '.join(given)}):\n"
              f" def __init__({params}):\n"
              + "".join(f"  {line}\n" for line in body or ["pass"])
              + " return __init__")
    namespace: dict[str, Any] = {}
    module = sys.modules.get(cls.__module__)
    # our own source, of the field names; the module's globals, so that
    # typing.get_type_hints can read the annotations, as of any dataclass
    exec(source, module.__dict__ if module else {}, namespace)
    init: Callable[..., None] = namespace["__make__"](**given)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__annotations__ = {**{f.name: f.type for f in every if f.init},
                            "return": None}
    return init


class _Factory:
    """The default of a parameter whose value a factory makes, when it is left out."""

    def __repr__(self) -> str:
        return "<factory>"  # as dataclass shows it in a signature


_FACTORY = _Factory()
_PLACEHOLDER = _first_init(object).__code__


def _no_values(obj: object) -> tuple[()]:
    return ()


def _setattr(self: Any, name: str, value: object) -> None:
    # __init__ sets the fields with object.__setattr__; nothing is set after it
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


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
