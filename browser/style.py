"""The GraSS stylesheet: a colour, a size and a caption property for every node label of the ontology."""

from __future__ import annotations

from ontology import L, vocabulary

_LIGHT, _DARK = "#FFFFFF", "#2A2C34"
# label: (fill, border, caption colour, diameter in px, the property shown on the node)
_LOOK = {
    L.Authority: ("#4C8EDA", "#2870C2", _LIGHT, 80, "name"),
    L.Inspection: ("#F79767", "#F36924", _LIGHT, 65, "year"),
    L.Document: ("#C9CDD3", "#9AA1AC", _DARK, 45, "fileName"),
    L.Inspector: ("#57C7E3", "#23B3D7", _DARK, 50, "name"),
    L.Finding: ("#F16667", "#EB2728", _LIGHT, 40, "polarity"),
    L.Theme: ("#8DCC93", "#5DB665", _DARK, 60, "label"),
    L.Judgement: ("#FFC454", "#FFB321", _DARK, 45, "grade"),
    L.ThemeTally: ("#DA7194", "#CC3C6C", _LIGHT, 35, "findings"),
    L.PersistentArea: ("#A5ABB6", "#9AA1AC", _DARK, 35, "theme"),
    L.ThemeTotal: ("#F2A7C1", "#E0709A", _DARK, 45, "findings"),
    L.DevelopmentThemes: ("#B5E0C8", "#8CCBA8", _DARK, 35, "authority"),
    L.PairTally: ("#FFE081", "#9AA1AC", _DARK, 35, "polarity"),
    L.PairTotal: ("#FFC9A6", "#E8A37E", _DARK, 45, "findings"),
    L.RepeatTally: ("#DA7194", "#CC3C6C", _DARK, 35, "authority"),
    L.InspectorTally: ("#8DCC93", "#5DB665", _DARK, 35, "inspectorName"),
    L.ColleaguePair: ("#C7E9C0", "#A1D99B", _DARK, 35, "shared"),
    L.WeaknessTally: ("#C990C0", "#B261A5", _DARK, 35, "findings"),
    L.RecurringWeakness: ("#D9C8AE", "#C0A378", _DARK, 45, "theme"),
}


def grass() -> str:
    """The stylesheet text; every label has a look and every caption is one of its label's properties."""
    labels = vocabulary().nodes
    if set(_LOOK) != set(labels):
        raise ValueError(f"browser style: labels without a look: {sorted(set(labels) - set(_LOOK))}")
    parts = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        "  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}",
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        "  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}",
    ]
    for label, (fill, border, text, diameter, caption) in _LOOK.items():
        labels[label].property(caption)  # raises if the ontology has no such property on the label
        parts.append(
            f"node.{label} {{\n  color: {fill};\n  border-color: {border};\n  diameter: {diameter}px;\n"
            f"  text-color-internal: {text};\n  caption: '{{{caption}}}';\n}}"
        )
    return "\n\n".join(parts) + "\n"
