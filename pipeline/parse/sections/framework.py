"""An ordered procedure: a decision framework, a checklist, a how-to.

Strategies, in order; the first that finds steps wins:
1. HowTo blocks of SEO plugins (Yoast ``schema-how-to``, Rank Math ``rank-math-howto``): step name + step text;
2. a heading named like a procedure ("Decision Framework for ...", "Step-by-step", "Pasos a seguir") followed by
   a list, each item "Title: text" or "<strong>Title</strong> text", or by a table, one step a row;
3. the same heading followed by one sub-heading (or bold-only paragraph) per step, each with its paragraphs, by
   cards in a grid (one sub-heading and its text each), or by paragraphs that each open with a bold title
   ("<b>Consult a Provider:</b> Before ...");
   A generic heading ("How to ...", "Cómo ...") counts only with a numbered list or numbered sub-headings, and
   after the headings that name a procedure;
4. a numbered list whose every item opens with a bold title, whatever its heading;
5. schema.org HowTo JSON-LD, when the DOM shows none of the above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborNode

from pipeline.parse.commerce import beside_shop_link, holds_shop_link
from pipeline.parse.dom import (
    HEADING_SELECTOR,
    HEADINGS,
    block_text,
    children,
    fragment_text,
    heading_level,
    inline_text,
    is_bold_line,
    render_blocks,
    select,
)
from pipeline.parse.names import PageNames, Vocabulary
from pipeline.parse.sections.common import (
    Consumed,
    Heading,
    as_heading,
    direct_items,
    element_before,
    following,
    heading_before,
    list_in,
)
from pipeline.parse.structured import as_list, nodes_of_type, resolve, text_value, types_of
from pipeline.parse.text import clean_inline
from pipeline.parse.vocabulary import (
    is_citation,
    is_framework_heading,
    is_generic_framework_heading,
    is_not_a_procedure_heading,
)


@dataclass(slots=True)
class Step:
    title: str
    text: str


@dataclass(slots=True)
class FrameworkSection:
    title: str
    steps: list[Step]


# "Step 1:", "Paso 2 -", "Étape 3.", "1. Schritt:", "Шаг 4)", "ステップ5：", "2)" before a step's title.
_STEP_WORDS = ("step|paso|étape|etape|schritt|passo|etapa|stap|fase|krok|steg|trin|adım|шаг|этап|langkah|tahap|"
               "ステップ|手順")
_STEP_WORD = rf"(?:(?:{_STEP_WORDS})\s*\d{{1,2}}|\d{{1,2}}\s*\.?\s*(?:{_STEP_WORDS})(?!\w)|\d{{1,2}})"
_SEPARATORS = ":.)\\-–—：．"
_STEP_PREFIX = re.compile(rf"^{_STEP_WORD}\s*[{_SEPARATORS}]\s*", re.IGNORECASE)
_STEP_NUMBER = re.compile(rf"^{_STEP_WORD}\s*[{_SEPARATORS}]?$", re.IGNORECASE)  # a table's "Step 2" column
# "Title: text" where the title is short: the split an author makes with a colon or a dash.
_TITLE_SPLIT = re.compile(r"^(?P<title>[^:.!?：]{2,80}?)\s*(?:[:–—]\s+|：\s*)(?P<text>\S.*)$", re.DOTALL)
_TITLE_EDGES = " :.–—-：．"
_HOWTO_NAMES = Vocabulary(class_parts=("schema-how-to", "rank-math-howto", "howto"), id_parts=("rank-math-howto",))
_HOWTO_STEPS = "[class*=how-to-step], [class*=howto-step], [class*=rank-math-step]"
_STEP_NAMES = "[class*=step-name], [class*=step-title]"
_STEP_TEXTS = "[class*=step-text], [class*=step-content], [class*=step-description]"
_STEP_PART = re.compile(r"step-(?:name|title|text|content|description)")
_MIN_STEPS = 2
_MAX_TITLE_CHARS = 120
_MAX_LEAD_IN_CHARS = 300
_BOXES = frozenset({"div", "section", "aside"})
# A card's number badge ("1", "02", "3."), and how many cards a grid of steps may hold.
_STEP_BADGE = re.compile(r"\d{1,2}[.)]?")
_MAX_CARDS = 20
_NOT_A_TITLE_END = ("?", "!", "»", "…", "›")


def find_framework(
    container: LexborNode,
    page_headings: list[Heading],
    names: PageNames,
    jsonld: list[dict[str, Any]],
    consumed: Consumed,
) -> FrameworkSection | None:
    if (blocks := _HOWTO_NAMES.selector(names)) and (section := _from_howto_block(container, blocks, consumed)):
        return section
    # Headings that name a procedure first; then the generic ones ("How to ...") with numbered steps.
    for heading in page_headings:
        if is_framework_heading(heading.text) and (section := _from_heading(heading, consumed, generic=False)):
            return section
    for heading in page_headings:
        if is_generic_framework_heading(heading.text) and (section := _from_heading(heading, consumed, generic=True)):
            return section
    if section := _from_titled_list(container, consumed):
        return section
    return _from_jsonld(jsonld)


def _from_howto_block(container: LexborNode, selector: str, consumed: Consumed) -> FrameworkSection | None:
    for block in select(container, selector):
        steps = []
        for node in select(block, _HOWTO_STEPS):
            if _STEP_PART.search(node.attributes.get("class") or "") or len(node.css(_STEP_NAMES)) > 1:
                continue  # a step's name or text element, or the list of all steps: not one step
            name, text = node.css_first(_STEP_NAMES), node.css_first(_STEP_TEXTS)
            if name is None and text is None:
                continue
            title = _clean_title(inline_text(name)) if name is not None else ""
            body = block_text(text) if text is not None else ""
            if title or body:
                steps.append(Step(title, body))
        if len(steps) >= _MIN_STEPS:
            title_node = block.css_first("[class*=how-to-title], [class*=howto-title]")
            heading = heading_before(block)
            title = inline_text(title_node) if title_node is not None else heading.text if heading else ""
            consumed.add(block, heading.node if heading else None)
            return FrameworkSection(title, steps)
    return None


def _from_heading(heading: Heading, consumed: Consumed, generic: bool) -> FrameworkSection | None:
    """The steps a framework heading introduces. Under a generic heading ("How to ..."), only a numbered list
    or numbered sub-headings ("Step 1: ...") are steps; an introduction before them stays in the body."""
    nodes = list(following(heading))
    for index, node in enumerate(nodes[:3]):
        steps = _list_steps(node, numbered_only=generic) or ([] if generic else _table_steps(node))
        if len(steps) >= _MIN_STEPS:
            consumed.add(heading.node, node)
            # A first list under a sub-heading of its own may be the first of several phases.
            first_phase = as_heading(nodes[index - 1]) if index > 0 else None
            if first_phase is not None and heading_level(first_phase) > heading.level:
                phases = _later_phases(nodes[index + 1:], heading.level, numbered_only=generic)
                if phases.steps:
                    consumed.add(nodes[index - 1], *phases.nodes)
                    steps += phases.steps
            return FrameworkSection(heading.text, steps)
    for node in nodes[:3]:
        if len(steps := _card_steps(node, heading.level, numbered_only=generic)) >= _MIN_STEPS:
            consumed.add(heading.node, node)
            return FrameworkSection(heading.text, steps)
    steps, step_nodes = _steps_from_subheadings(heading, nodes, numbered_only=generic)
    if len(steps) < _MIN_STEPS and not generic:
        steps, step_nodes = _steps_from_lead_paragraphs(nodes)
    if len(steps) >= _MIN_STEPS:
        consumed.add(heading.node, *step_nodes)
        return FrameworkSection(heading.text, steps)
    return None


@dataclass(slots=True)
class _Phases:
    steps: list[Step]
    nodes: list[LexborNode]


def _later_phases(nodes: list[LexborNode], level: int, numbered_only: bool) -> _Phases:
    """One procedure written as several lists, each under a sub-heading of its own ("Phase 1: Elimination",
    "Phase 2: Reintroduction"): the lists after the first, while each follows its sub-heading. The record has no
    field for phases, so their steps join the first list's in order; the sub-headings leave the body with them."""
    phases = _Phases([], [])
    position = 0
    while position + 1 < len(nodes):
        sub = as_heading(nodes[position])
        if sub is None or heading_level(sub) <= level:
            break
        steps = _list_steps(nodes[position + 1], numbered_only=numbered_only)
        if not steps or is_not_a_procedure_heading(inline_text(sub)) or _cites(steps):
            break  # no list, or the sources after the procedure
        phases.steps.extend(steps)
        phases.nodes.extend(nodes[position:position + 2])
        position += 2
    return phases


def _list_steps(node: LexborNode, numbered_only: bool = False) -> list[Step]:
    """The items of a numbered list, or of a bullet list whose items mostly carry a title."""
    found = list_in(node)
    if found is None or (numbered_only and found.tag != "ol"):
        return []
    steps = [step for li in direct_items(found) if (step := _split_item(li)).title or step.text]
    ordered = found.tag == "ol" or sum(bool(step.title) for step in steps) * 2 > len(steps)
    return steps if ordered else []


def _table_steps(node: LexborNode) -> list[Step]:
    """The rows of a table ("Step | Action | Details"): a leading step number is dropped, the first cell left is
    the title and the others its text. A header row (all ``<th>``) names columns, not a step."""
    table = node if node.tag == "table" else node.css_first("table")
    if table is None or (table is not node and len(inline_text(table)) != len(_without_caption(node))):
        return []
    steps = []
    for row in table.css("tr"):
        cells = [child for child in children(row) if child.tag in ("td", "th")]
        if not cells or all(cell.tag == "th" for cell in cells):
            continue
        texts = [text for cell in cells if (text := block_text(cell))]
        if texts and _STEP_NUMBER.match(texts[0]):
            texts = texts[1:]
        if len(texts) < 2:
            return []  # one column: a list of facts, not titled steps
        steps.append(Step(_clean_title(texts[0]), "\n\n".join(texts[1:])))
    return steps


def _without_caption(wrapper: LexborNode) -> str:
    """The wrapper's text without its caption (``<figure class="wp-block-table">`` holds a ``<figcaption>``)."""
    caption = wrapper.css_first("figcaption, caption")
    text = inline_text(wrapper)
    return text.replace(inline_text(caption), "", 1).strip() if caption is not None else text


def _from_titled_list(container: LexborNode, consumed: Consumed) -> FrameworkSection | None:
    """A numbered list whose every item opens with a bold title ("<strong>Start early</strong>: Begin ...") is a
    procedure whatever its heading says; the heading before it, if any, is its title."""
    for list_node in container.css("ol"):
        items = direct_items(list_node)
        if len(items) < _MIN_STEPS:
            continue
        steps = [_split_item(li) for li in items]
        if not all(step.title and step.text and _opens_with_bold(li) for step, li in zip(steps, items, strict=True)):
            continue
        heading = _heading_over(list_node)
        if (heading is not None and is_not_a_procedure_heading(heading.text)) or _cites(steps):
            continue  # sources, or how a review chose: set like steps, but no procedure
        if _links_only(items, steps) or beside_shop_link(list_node):
            continue  # a ranking of products ("Best overall: <a>Thorne</a>"), not steps
        consumed.add(list_node, heading.node if heading else None)
        return FrameworkSection(heading.text if heading else "", steps)
    return None


def _links_only(items: list[LexborNode], steps: list[Step]) -> bool:
    """Most steps' text is only the link of the item: a list of picks, each pointing at a product."""
    linked = sum(
        sum(len(inline_text(link)) for link in item.css("a")) >= len(step.text)
        for item, step in zip(items, steps, strict=True)
    )
    return linked * 2 > len(steps)


def _cites(steps: list[Step]) -> bool:
    """Most items read like citations ("<b>Whelton PK, et al.</b> Hypertension. 2018;71:e13")."""
    return sum(is_citation(f"{step.title} {step.text}") for step in steps) * 2 > len(steps)


def _heading_over(list_node: LexborNode) -> Heading | None:
    """The heading right before the list, or before the one lead-in sentence that introduces it ("To ease the
    pain:"); the lead-in stays in the body."""
    if (heading := heading_before(list_node)) is not None:
        return heading
    lead = element_before(list_node, max_climb=3)
    if lead is not None and lead.tag == "p" and _is_lead_in(inline_text(lead)):
        return heading_before(lead)
    return None


def _is_lead_in(text: str) -> bool:
    return len(text) <= _MAX_LEAD_IN_CHARS and text.endswith((":", "："))


def _opens_with_bold(li: LexborNode) -> bool:
    lead = li.css_first("strong, b")
    return lead is not None and inline_text(li).startswith(inline_text(lead))


def _card_steps(node: LexborNode, level: int, numbered_only: bool) -> list[Step]:
    """Steps laid out as cards in a grid: a wrapper whose boxes each hold one sub-heading, its text, and often a
    number badge ("1", "2"), which is numbering, not text. Under a generic heading every card needs its number."""
    if node.tag not in _BOXES or any(heading_level(h) <= level for h in node.css(HEADING_SELECTOR)):
        return []  # a wrapper that goes on into the next section holds more than the steps
    cards: list[tuple[LexborNode, LexborNode]] = []  # each card and its one sub-heading
    boxes = [node]
    while boxes and len(cards) <= _MAX_CARDS:
        box = boxes.pop(0)
        deeper = [h for h in box.css(HEADING_SELECTOR) if heading_level(h) > level]
        if len(deeper) == 1 and box is not node:
            cards.append((box, deeper[0]))
        elif len(deeper) >= 2 and box.tag in _BOXES:
            boxes.extend(children(box))
    steps = []
    for card, title_node in cards:
        title = inline_text(title_node)
        lines = [text for text, _ in render_blocks(card) if text != title]
        numbered = bool(lines) and _STEP_BADGE.fullmatch(lines[0]) is not None
        text = "\n\n".join(line for line in lines if not _STEP_BADGE.fullmatch(line))
        if not text or (numbered_only and not numbered and not _STEP_PREFIX.match(title)):
            return []
        steps.append(Step(_clean_title(title), text))
    return steps


def _steps_from_subheadings(
    heading: Heading, nodes: list[LexborNode], numbered_only: bool
) -> tuple[list[Step], list[LexborNode]]:
    steps: list[Step] = []
    taken: list[LexborNode] = []
    title: str | None = None
    texts: list[str] = []

    def close() -> None:
        if title is not None and (title or texts):
            steps.append(Step(title, "\n\n".join(texts)))

    for node in nodes:
        inner = as_heading(node)
        if inner is None and title is not None and (_is_titled_box(node) or _is_all_link(node)):
            break  # a callout with its own heading ("Get Help Now"), or a call to action, ends the steps
        if inner is None and node.tag in _BOXES and holds_shop_link(node):
            continue  # a product card between a step's paragraphs: left for pruning, not the step's text
        if (inner is not None and heading_level(inner) > heading.level) or _is_bold_only(node):
            close()
            written = inline_text(inner or node)
            if numbered_only and not _STEP_PREFIX.match(written):
                return [], []
            title, texts = _clean_title(written), []
        elif title is not None:
            if text := block_text(node):
                texts.append(text)
        else:
            continue  # an introduction before the first step stays in the body
        taken.append(node)
    close()
    return steps, taken


def _is_titled_box(node: LexborNode) -> bool:
    """A box that opens with a heading of its own: a callout or an aside, not more of a step's text."""
    first = next(children(node), None)
    return node.tag in _BOXES and first is not None and first.tag in HEADINGS


def _is_all_link(node: LexborNode) -> bool:
    """A box whose text is all link text: a button or banner pointing elsewhere, not a step's prose. (A
    paragraph that is one link, such as a product's name, can be part of a step.)"""
    if node.tag not in _BOXES:
        return False
    text = inline_text(node)
    return bool(text) and sum(len(inline_text(link)) for link in node.css("a")) >= len(text)


def _steps_from_lead_paragraphs(nodes: list[LexborNode]) -> tuple[list[Step], list[LexborNode]]:
    """Steps written as paragraphs that open with a bold title ("<p><b>Consult a Provider:</b> Before ...</p>");
    an introduction may come first, and the run ends at the first paragraph that is not a step."""
    steps: list[Step] = []
    taken: list[LexborNode] = []
    for node in nodes:
        step = _split_item(node) if node.tag == "p" and _opens_with_bold_title(node) else None
        if step is not None and step.title and step.text:
            steps.append(step)
            taken.append(node)
        elif steps:
            break
    return steps, taken


def _opens_with_bold_title(paragraph: LexborNode) -> bool:
    """Bold words set off from the sentence after them ("<b>Rest:</b> Sleep ...", "<b>Rest</b> - Sleep"); bold
    words that start the sentence ("<b>Glycinate</b> is gentle ...") are emphasis, not a title."""
    lead = paragraph.css_first("strong, b")
    if lead is None:
        return False
    lead_text, text = inline_text(lead), inline_text(paragraph)
    if not lead_text or not text.startswith(lead_text):
        return False
    return lead_text.endswith((":", ".")) or text[len(lead_text):].lstrip().startswith((":", "–", "—", "-"))


def _is_bold_only(node: LexborNode) -> bool:
    """A paragraph that is all bold and short: an editor's sub-heading (a bold question or call to action,
    "Need help? Try our tool »", is not one)."""
    if not is_bold_line(node):
        return False
    text = inline_text(node)
    return 0 < len(text) <= _MAX_TITLE_CHARS and not text.endswith(_NOT_A_TITLE_END)


def _split_item(li: LexborNode) -> Step:
    """'<strong>Assess:</strong> Write down ...' or 'Assess: Write down ...' -> title + text."""
    text = block_text(li)
    lead = li.css_first("strong, b")
    if lead is not None:
        lead_text = clean_inline(lead.text())
        if lead_text and text.startswith(lead_text) and len(lead_text) < len(text):
            rest = text[len(lead_text):].lstrip(_TITLE_EDGES).strip()
            if rest:
                return Step(_clean_title(lead_text), rest)
    if match := _TITLE_SPLIT.match(text):
        return Step(_clean_title(match["title"]), match["text"].strip())
    return Step("", text)


def _clean_title(title: str) -> str:
    return _STEP_PREFIX.sub("", title).strip(_TITLE_EDGES).strip()


def _from_jsonld(jsonld: list[dict[str, Any]]) -> FrameworkSection | None:
    for howto in nodes_of_type(jsonld, {"HowTo"}):
        steps = [step for item in resolve(as_list(howto.get("step")), jsonld) for step in _jsonld_steps(item)]
        if len(steps) >= _MIN_STEPS:
            return FrameworkSection(clean_inline(text_value(howto.get("name")) or ""), steps)
    return None


def _jsonld_steps(item: Any) -> list[Step]:
    if isinstance(item, str):
        return [Step("", clean_inline(item))] if clean_inline(item) else []
    if not isinstance(item, dict):
        return []
    parts = as_list(item.get("itemListElement"))
    if parts and not item.get("text") and "HowToStep" not in types_of(item):  # a HowToSection groups steps
        return [step for sub in parts for step in _jsonld_steps(sub)]
    title = _clean_title(clean_inline(text_value(item.get("name")) or ""))
    # A step's text, or the directions and tips it lists (Yoast and Rank Math write HowToDirection items).
    texts = [item.get("text")] if item.get("text") else [part.get("text") for part in parts if isinstance(part, dict)]
    text = "\n\n".join(t for value in texts if (t := fragment_text(text_value(value) or "")))
    if title and text == title:
        title = ""
    return [Step(title, text)] if title or text else []
