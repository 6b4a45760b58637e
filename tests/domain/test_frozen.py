"""@frozen classes behave as @dataclass(frozen=True) ones: the same fields, equality,
hashing, repr, replace and copies, and nothing can be changed once made."""

from __future__ import annotations

import copy
import inspect
import pickle
import typing
from dataclasses import (
    FrozenInstanceError,
    InitVar,
    asdict,
    dataclass,
    field,
    fields,
    replace,
)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabfacil.domain.frozen import frozen


@frozen
class Note:
    """A value of ours."""

    text: str
    votes: int = 0
    tags: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class StdNote:
    """The same value, as the standard library makes it."""

    text: str
    votes: int = 0
    tags: tuple[str, ...] = ()
    id: int | None = None


@frozen
class Checked:
    """Normalises in __post_init__, as the model's classes do."""

    name: str
    items: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("The name is empty.")
        object.__setattr__(self, "name", self.name.strip())


@frozen
class Empty:
    """No fields at all."""


@frozen
class Base:
    """A value another one extends."""

    a: int


@frozen
class Derived(Base):
    """Adds a field to Base."""

    b: str = ""


notes = st.builds(
    lambda text, votes, tags, id_: (text, votes, tuple(tags), id_),
    st.text(max_size=30), st.integers(-5, 5), st.lists(st.text(max_size=5), max_size=3),
    st.none() | st.integers(0, 10))


@given(notes, notes)
def test_equality_hash_and_repr_match_the_standard_frozen_dataclass(a, b) -> None:
    ours_a, ours_b = Note(*a), Note(*b)
    std_a, std_b = StdNote(*a), StdNote(*b)
    assert (ours_a == ours_b) == (std_a == std_b)
    assert (ours_a != ours_b) == (std_a != std_b)
    if ours_a == ours_b:
        assert hash(ours_a) == hash(ours_b)
    assert repr(ours_a) == repr(std_a).replace("StdNote(", "Note(", 1)
    assert asdict(ours_a) == asdict(std_a)
    assert [f.name for f in fields(ours_a)] == [f.name for f in fields(std_a)]


@given(notes)
def test_nothing_can_be_assigned_or_deleted(values) -> None:
    note = Note(*values)
    with pytest.raises(FrozenInstanceError):
        note.text = "changed"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        note.colour = "red"  # type: ignore[attr-defined]
    with pytest.raises(FrozenInstanceError):
        del note.votes
    assert Note(*values) == note  # unchanged


def test_not_equal_to_another_class_with_the_same_fields() -> None:
    assert Note("a") != StdNote("a")
    assert Derived(1) != Base(1)
    assert Note("a") != ("a", 0, (), None)


def test_replace_makes_a_new_checked_value() -> None:
    one = Checked("  Council ", [1])
    assert one.name == "Council"
    two = replace(one, name=" NHS trust")
    assert (one.name, two.name, two.items) == ("Council", "NHS trust", [1])
    with pytest.raises(ValueError, match="empty"):
        replace(one, name="  ")


def test_default_factories_give_each_value_its_own() -> None:
    a, b = Checked("a"), Checked("b")
    assert a.items == b.items == []
    assert a.items is not b.items


def test_a_value_with_an_unhashable_field_is_unhashable_like_the_standard_one() -> None:
    with pytest.raises(TypeError):
        hash(Checked("a", [1]))


def test_inherited_fields_count() -> None:
    assert Derived(1, "x") == Derived(1, "x")
    assert Derived(1, "x") != Derived(2, "x")
    assert repr(Derived(1, "x")) == "Derived(a=1, b='x')"
    with pytest.raises(FrozenInstanceError):
        Derived(1).a = 2  # type: ignore[misc]


def test_a_value_with_no_fields() -> None:
    assert Empty() == Empty()
    assert hash(Empty()) == hash(Empty())
    assert repr(Empty()) == "Empty()"


@given(notes)
def test_copies_and_pickles_are_equal_and_still_frozen(values) -> None:
    note = Note(*values)
    for other in (copy.copy(note), copy.deepcopy(note), pickle.loads(pickle.dumps(note))):
        assert other == note
        assert hash(other) == hash(note)
        with pytest.raises(FrozenInstanceError):
            other.votes = 1  # type: ignore[misc]


def test_pattern_matching_by_position() -> None:
    match Note("a", 2):
        case Note(text, votes):
            assert (text, votes) == ("a", 2)
        case _:
            pytest.fail("no match")


def test_a_class_defining_what_frozen_provides_is_refused() -> None:
    with pytest.raises(TypeError, match="__eq__"):
        @frozen
        class Odd:
            """Defines its own equality."""

            x: int

            def __eq__(self, other: object) -> bool:
                return True

            __hash__ = None  # type: ignore[assignment]


@frozen
class Single:
    """One field."""

    value: float


def test_one_field_compares_and_hashes_as_the_standard_one() -> None:
    nan = float("nan")

    @dataclass(frozen=True)
    class StdSingle:
        """The standard library's."""

        value: float

    assert (Single(nan) == Single(nan)) == (StdSingle(nan) == StdSingle(nan))
    assert hash(Single(2.0)) == hash(StdSingle(2.0)) == hash((2.0,))


def test_frozen_on_a_mutable_dataclass_is_refused() -> None:
    @dataclass
    class Mutable:
        """Changes."""

        a: int

    with pytest.raises(TypeError, match=r"mutable dataclass .*Mutable"):
        @frozen
        class Fixed(Mutable):
            """Cannot be fixed on top of it."""

            b: int = 0


def _pair() -> tuple[type, type]:
    """The same class with every kind of field, @frozen and standard, made afresh
    (so that no value of it has been made yet)."""

    def make(decorate):  # type: ignore[no-untyped-def]
        @decorate
        class Kinds:
            """Positional, defaulted, factory, not-in-init and keyword-only fields."""

            a: int
            b: str = "b"
            c: list[int] = field(default_factory=list)
            d: int = field(default=7, init=False)
            e: dict[str, int] = field(default_factory=dict, init=False)
            f: int = field(default=0, kw_only=True)
            g: tuple[int, ...] = field(default=(), kw_only=True)

        return Kinds

    return make(frozen), make(dataclass(frozen=True))


def test_signature_is_the_standard_ones_before_any_value_is_made() -> None:
    ours, std = _pair()
    assert str(inspect.signature(ours)) == str(inspect.signature(std))
    ours, std = _pair()
    ours(1)
    assert str(inspect.signature(ours)) == str(inspect.signature(std))


def _outcome(cls: type, args: tuple, kwargs: dict) -> object:
    try:
        value = cls(*args, **kwargs)
    except TypeError as exc:
        return ("TypeError", str(exc).replace("Kinds.", ""))
    return tuple((f.name, getattr(value, f.name)) for f in fields(value))


calls = st.tuples(
    st.lists(st.integers(0, 3) | st.text(max_size=2), max_size=4).map(tuple),
    st.dictionaries(st.sampled_from("abcdefgz"), st.integers(0, 3), max_size=3))


@given(calls)
def test_made_with_any_arguments_as_the_standard_one(call) -> None:
    """The same values, defaults and factories, and the same TypeError for a
    missing, repeated, unknown or not-in-init argument."""
    args, kwargs = call
    ours, std = _pair()
    assert _outcome(ours, args, kwargs) == _outcome(std, args, kwargs)


def test_each_value_gets_its_own_factory_made_fields() -> None:
    ours, _ = _pair()
    one, two = ours(1), ours(2)
    assert one.c == []
    assert one.e == {}
    assert one.c is not two.c
    assert one.e is not two.e


def test_a_subclass_that_is_not_frozen_is_made_as_its_base() -> None:
    class Plain(Derived):
        """Adds nothing."""

    made = Plain(1, "x")
    assert (made.a, made.b) == (1, "x")
    with pytest.raises(FrozenInstanceError):
        made.a = 2  # type: ignore[misc]


def test_own_init_and_initvar_are_refused() -> None:
    with pytest.raises(TypeError, match="__init__"):
        @frozen
        class Own:
            """Writes its own __init__."""

            x: int

            def __init__(self, x: int) -> None:
                object.__setattr__(self, "x", x)

    with pytest.raises(TypeError, match="InitVar"):
        @frozen
        class WithInitVar:
            """Has an InitVar."""

            x: int
            seed: InitVar[int] = 0


def test_a_required_field_after_a_defaulted_one_is_refused_when_defined() -> None:
    """As dataclass refuses it, at once, not when a value is first made."""
    with pytest.raises(TypeError, match="non-default argument 'b' follows default"):
        @frozen
        class Wrong:
            """b has no default, after a that has one."""

            a: int = 0
            b: str

    with pytest.raises(TypeError, match="non-default argument 'c' follows default"):
        @frozen
        class WrongBelow(Derived):
            """Derived's b has a default; c after it has none."""

            c: int


def test_type_hints_of_init_resolve_as_the_standard_ones() -> None:
    ours, std = _pair()
    ours(1)
    assert typing.get_type_hints(ours.__init__) == typing.get_type_hints(std.__init__)
