"""A widget's styles for a state it has been in before are taken from memory, not worked out
from the stylesheet again.

Textual restyles a widget from the whole stylesheet each time its focus, a class or a
pseudo-class changes: for a form's field, the field and its four component classes (the
cursor, the placeholder...), each matched against the app's ~190 rules. That is 0.5-0.8 ms per
focus move on this machine, and a waybill typed in one burst moves the focus some 40 times: a
fifth of the burst's time in Textual's matching, giving back the same two results (focused,
not focused) for every field, waybill after waybill.

A widget's styles are decided by the stylesheet and by the type, id, classes and
pseudo-classes of the widget and of every node above it (what selectors match on), so those
are the key (`state_of`). A widget with children, or showing scrollbars, is always styled
afresh. A new stylesheet (a theme, CSS reloaded) forgets what was remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.css.stylesheet import RulesMap, Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget

#: States remembered per widget at most (focused or not, enabled or not, with an error class
#: or not); past this the memory starts again.
STATES = 8

State = tuple[tuple[Any, ...], ...]


@dataclass
class _Styled:
    rules_map: object  # the stylesheet's, when these were worked out
    states: dict[State, tuple[RulesMap, dict[str, Any]]] = field(default_factory=dict)


def _used(stylesheet: Stylesheet) -> frozenset[str]:
    """The pseudo-classes the stylesheet's rules name: the others cannot change a style. Kept
    on the stylesheet, with the rules_map they were read from (it goes with its app)."""
    rules_map = stylesheet.rules_map
    known: tuple[object, frozenset[str]] | None = getattr(stylesheet, "_depot_pseudo_classes", None)
    if known is None or known[0] is not rules_map:
        names = frozenset().union(*(rule.pseudo_classes for rule in stylesheet.rules))
        known = (rules_map, names)
        stylesheet._depot_pseudo_classes = known  # type: ignore[attr-defined]
    return known[1]


def state_of(node: DOMNode, stylesheet: Stylesheet) -> State | None:
    """What the stylesheet matches `node` on, or None when it is not remembered."""
    if not isinstance(node, Widget) or node.children:
        return None
    if node.is_scrollable and (node.show_vertical_scrollbar or node.show_horizontal_scrollbar):
        return None  # Textual styles the scrollbars with it
    used = _used(stylesheet)
    return tuple(
        (type(each), each.id, each.classes, tuple(name for name in used if each.has_pseudo_class(name)))
        for each in node.css_path_nodes
    )


def restyle(node: DOMNode, stylesheet: Stylesheet, animate: bool, textual: Callable[[], None]) -> None:
    """Style `node` as `textual()` would (Textual's update_styles for it), from memory when
    the widget has been in this state under this stylesheet before."""
    state = state_of(node, stylesheet)
    if state is None:
        textual()
        return
    rules_map = stylesheet.rules_map
    styled: _Styled | None = getattr(node, "_depot_styled", None)
    if styled is None or styled.rules_map is not rules_map:
        styled = _Styled(rules_map)
        node._depot_styled = styled  # type: ignore[attr-defined]
    known = styled.states.get(state)
    if known is None:
        if len(styled.states) >= STATES:
            styled.states.clear()
        textual()
        styled.states[state] = (node.styles.base.get_rules(), dict(node._component_styles))  # type: ignore[attr-defined]
        return
    rules, components = known
    animate = animate and node.app.animation_level != "none"  # the same, without working out how
    Stylesheet.replace_rules(node, rules, animate=animate)  # type: ignore[arg-type]
    if node._component_styles != components:
        node._component_styles.clear()
        node._component_styles.update(components)
        node.refresh()
