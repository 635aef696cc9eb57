"""Question and answer pairs, from what the reader sees first and from declared data last.

Strategies, in order; the first that finds pairs wins, so one FAQ never comes out twice:
1. microdata (``itemtype=schema.org/Question``);
2. toggle widgets: ``<details>/<summary>``, accordions and FAQ blocks of page builders and SEO plugins, found by
   the roles their class names and ARIA attributes give (question, title, header, toggle -> answer, panel);
3. a run of sub-headings under a heading named like "FAQ" / "Preguntas frecuentes", each followed by its answer
   (wrappers around the whole run are opened);
4. paragraphs that label themselves ("<b>Q: ...?</b>" then "<b>A:</b> ..."), whatever the heading;
5. schema.org FAQPage JSON-LD, for pages that declare an FAQ the DOM does not show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborNode

from pipeline.parse.dom import (
    HEADING_SELECTOR,
    HEADINGS,
    SKIPPED,
    block_text,
    children,
    fragment_text,
    heading_level,
    inline_text,
    is_bold_line,
    next_element,
    select,
)
from pipeline.parse.names import PageNames, Vocabulary
from pipeline.parse.sections.common import Consumed, Heading, as_heading, following, heading_before
from pipeline.parse.structured import as_list, nodes_of_type, resolve, text_value
from pipeline.parse.text import clean_inline, strip_toggle_glyphs
from pipeline.parse.vocabulary import is_disclosure, is_faq_heading


@dataclass(slots=True)
class QuestionAnswer:
    question: str
    answer: str


_WITHOUT_SUMMARY = SKIPPED | {"summary"}
_WRAPPERS = frozenset({"div", "section", "article"})
# Microdata questions, and the elements that play the question's part in toggle widgets across builders and
# plugins: looked up in one query.
_QUESTIONS = Vocabulary(
    tags='[itemtype*="schema.org/Question"], summary, dt, [aria-expanded], [aria-controls]',
    class_parts=(
        "question", "faq-q", "faq-title", "faq-header", "accordion-title", "accordion-header", "accordion-head",
        "accordion-button", "accordion-trigger", "toggle-title", "toggle-header", "toggle-head", "tab-title",
        "collapse-title", "collapsible-header", "panel-title", "panel-heading", "accordion-toggle", "spoiler-title",
    ),
)
# Class words that mark a widget as an FAQ even when its questions do not end with a question mark.
# (Class names are written in ASCII, so the words of other scripts come transliterated.)
_FAQ_MARKERS = re.compile(
    r"faq|question|frage|pregunta|pergunta|domand|vraag|pytani|soru|vopros|pertanyaan", re.IGNORECASE
)
_QUESTION_END = ("?", "？", "؟", ";")  # ';' is the Greek question mark


def find_faq(
    container: LexborNode,
    page_headings: list[Heading],
    names: PageNames,
    jsonld: list[dict[str, Any]],
    consumed: Consumed,
) -> list[QuestionAnswer]:
    faq_heading = next((h for h in page_headings if is_faq_heading(h.text)), None)
    # Microdata questions, when there are any, are the FAQ; else the toggles.
    questions, toggles = [], []
    for node in select(container, _QUESTIONS.selector(names)):
        (questions if "Question" in (node.attributes.get("itemtype") or "") else toggles).append(node)
    widget_start = len(consumed.nodes)
    pairs = _from_microdata(questions, consumed) or _from_toggles(container, toggles, faq_heading, consumed)
    if pairs:
        # The FAQ's heading leaves the body with it: the FAQ heading, else the heading right before the widget
        # ("Questions readers ask us").
        widget = consumed.nodes[widget_start:]
        heading = faq_heading or heading_before(_first_block(widget[0], widget[-1], container))
        if heading is not None and heading.node.tag != "h1":
            consumed.add(heading.node)
        return _unique(pairs)
    if faq_heading is not None and (pairs := _from_heading_run(faq_heading, consumed)):
        consumed.add(faq_heading.node)
        return _unique(pairs)
    return _unique(_from_labelled_pairs(container, consumed) or _from_jsonld(jsonld))


# "Q:" / "A:" and their kin in the languages the parser knows, before a question and its answer.
_QUESTION_LABEL = re.compile(r"^(?:q|question|p|pregunta|f|frage|d|domanda|pergunta|vraag|pytanie)\s?[:.：]\s*",
                             re.IGNORECASE)
_ANSWER_LABEL = re.compile(
    r"^(?:a|answer|r|respuesta|réponse|antwort|risposta|resposta|antwoord|odpowiedź)\s?[:.：]\s*", re.IGNORECASE
)


def _from_labelled_pairs(container: LexborNode, consumed: Consumed) -> list[QuestionAnswer]:
    """Paragraphs that label themselves: a bold "Q: ...?" and, right after it, "A: ...". Two pairs at least;
    the labels are not part of the text, and the heading right before the first question goes with them."""
    pairs: list[QuestionAnswer] = []
    taken: list[LexborNode] = []
    for lead in container.css("p > strong:first-child, p > b:first-child"):
        paragraph = lead.parent
        if paragraph is None or (answer_node := next_element(paragraph)) is None:
            continue
        text, answer_text = inline_text(paragraph), inline_text(answer_node)
        question, answer = _QUESTION_LABEL.sub("", text, count=1), _ANSWER_LABEL.sub("", answer_text, count=1)
        if question != text and question.endswith(_QUESTION_END) and answer != answer_text and answer:
            pairs.append(QuestionAnswer(question, answer))
            taken += [paragraph, answer_node]
    if len(pairs) < _MIN_RUN_FOR_PATTERN:
        return []
    heading = heading_before(taken[0])
    consumed.add(*taken, heading.node if heading is not None and heading.node.tag != "h1" else None)
    return pairs


def _first_block(first: LexborNode, last: LexborNode, container: LexborNode) -> LexborNode:
    """The first of the sibling blocks that hold a widget's nodes from ``first`` to ``last``: the child, holding
    ``first``, of the innermost element that holds both (the container at most)."""
    path: list[LexborNode] = []
    node: LexborNode | None = first
    while node is not None and node.mem_id != container.mem_id:
        path.append(node)
        node = node.parent
    on_path = {node.mem_id: index for index, node in enumerate(path)}
    node = last
    while node is not None and node.mem_id not in on_path:
        node = node.parent
    top = on_path[node.mem_id] if node is not None else len(path)  # the common ancestor's place on the path
    return path[top - 1] if top > 0 else first


def _from_microdata(questions: list[LexborNode], consumed: Consumed) -> list[QuestionAnswer]:
    pairs = []
    for item in questions:
        name = item.css_first('[itemprop="name"]')
        answer = item.css_first('[itemprop="acceptedAnswer"] [itemprop="text"], [itemprop="acceptedAnswer"]')
        if name is None or answer is None:
            continue
        question = strip_toggle_glyphs(inline_text(name))
        if question and (text := block_text(answer)):
            pairs.append(QuestionAnswer(question, text))
            consumed.add(item)
    return pairs


def _from_toggles(
    container: LexborNode, candidates: list[LexborNode], faq_heading: Heading | None, consumed: Consumed
) -> list[QuestionAnswer]:
    """Toggle widgets: a question element, and its answer as the element after it (or the one it controls)."""
    pairs: list[QuestionAnswer] = []
    used: set[int] = set()
    faq_region = {node.mem_id for node in following(faq_heading)} if faq_heading is not None else set()
    candidate_ids = {node.mem_id for node in candidates}
    panels = _controlled_panels(container, candidates)
    for candidate in candidates:  # cheapest tests first
        if candidate.mem_id in used:
            continue
        question_node, answer_node, controlled = _question_and_answer(candidate, container, panels)
        # An answer that looks like a question is the next question, unless the question named it as its panel.
        if answer_node is None or answer_node.mem_id in used or answer_node.tag in HEADINGS:
            continue  # an answer is never a heading: the question was a section's title or icon
        if not controlled and answer_node.mem_id in candidate_ids:
            continue
        question = strip_toggle_glyphs(inline_text(question_node))
        if not question or len(question) > 300:
            continue
        if not (question.endswith(_QUESTION_END) or _marked_faq(question_node)
                or candidate.mem_id in faq_region or _inside(candidate, faq_region)):
            continue
        # Inside an answer already taken, or holding paragraphs and lists itself: a panel, not a question (unless
        # it names its panel, as a question does: some builders set the question in a <p>).
        if _inside(candidate, used) or (not controlled and candidate.css_first("p, ul, ol, table")):
            continue
        # A "question" whose answer holds the real questions is the title of the whole widget.
        if not controlled and _holds_other_questions(answer_node, question_node, candidate_ids):
            continue
        answer = _answer_text(answer_node)
        if not answer:
            continue
        used.update((question_node.mem_id, answer_node.mem_id))
        pairs.append(QuestionAnswer(question, answer))
        consumed.add(question_node, answer_node)
    return pairs


def _holds_other_questions(answer: LexborNode, question: LexborNode, candidate_ids: set[int]) -> bool:
    """Whether the answer holds question candidates other than the question itself (a <details> holds its
    <summary>)."""
    own = {question.mem_id}
    return any(node.mem_id in candidate_ids and node.mem_id not in own and not _inside(node, own)
               for node in answer.traverse(include_text=False))


def _controlled_panels(container: LexborNode, candidates: list[LexborNode]) -> dict[str, LexborNode]:
    """The elements that toggles name in ``aria-controls``, by id (looked up in one query, never by building a
    selector from an attribute value)."""
    targets = {target for node in candidates if (target := node.attributes.get("aria-controls"))}
    if not targets:
        return {}
    return {node_id: node for node in container.css("[id]") if (node_id := node.attributes.get("id")) in targets}


def _question_and_answer(
    candidate: LexborNode, container: LexborNode, panels: dict[str, LexborNode]
) -> tuple[LexborNode, LexborNode | None, bool]:
    """The question element and its answer panel: the panel it names in ``aria-controls``, else the next sibling
    with text of the candidate or of one of its wrappers (icons between the two are skipped). The flag tells
    whether the question named its panel."""
    if candidate.tag == "summary":
        details = candidate.parent
        return candidate, details if details is not None and details.tag == "details" else None, False
    if (target := candidate.attributes.get("aria-controls")) and (panel := panels.get(target)) is not None:
        return candidate, panel, True
    node = candidate
    for _ in range(3):
        sibling = _next_with_text(node)
        if sibling is not None:
            return node, sibling, False
        parent = node.parent
        if parent is None or parent.mem_id == container.mem_id:
            break
        node = parent
    return candidate, None, False


def _next_with_text(node: LexborNode) -> LexborNode | None:
    sibling = next_element(node)
    while sibling is not None and not sibling.text().strip():
        sibling = next_element(sibling)
    return sibling


def _answer_text(node: LexborNode) -> str:
    # In <details>, the answer is everything but the <summary>.
    return block_text(node, _WITHOUT_SUMMARY) if node.tag == "details" else block_text(node)


def _marked_faq(node: LexborNode) -> bool:
    ancestor: LexborNode | None = node
    for _ in range(4):
        if ancestor is None:
            return False
        if _FAQ_MARKERS.search(ancestor.attributes.get("class") or "") or _FAQ_MARKERS.search(
            ancestor.attributes.get("itemtype") or ""
        ):
            return True
        ancestor = ancestor.parent
    return False


def _inside(node: LexborNode, used: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in used:
            return True
        parent = parent.parent
    return False


def _from_heading_run(faq_heading: Heading, consumed: Consumed) -> list[QuestionAnswer]:
    """Under an FAQ heading: each sub-heading (or bold-only paragraph) is a question, what follows its answer.

    Nothing marks where the last answer ends, and an article often closes with a plain paragraph after its FAQ:
    see ``_end_last_answer``.
    """
    pairs: list[QuestionAnswer] = []
    runs: list[tuple[LexborNode, list[LexborNode]]] = []
    for node in _run_elements(following(faq_heading), faq_heading.level):
        if _is_question_heading(node, faq_heading.level):
            runs.append((node, []))
        elif node.tag == "dl":
            pairs.extend(_from_definition_list(node, consumed))
        elif runs:
            runs[-1][1].append(node)
    if len(runs) >= _MIN_RUN_FOR_PATTERN:
        _end_last_answer(runs[-1][1], [answer_nodes for _, answer_nodes in runs[:-1]])
    for question, answer_nodes in runs:
        text = strip_toggle_glyphs(inline_text(question))
        answer = "\n\n".join(t for node in answer_nodes if (t := block_text(node)))
        if text and answer:
            pairs.append(QuestionAnswer(text, answer))
            consumed.add(question, *answer_nodes)
    return pairs


def _end_last_answer(last: list[LexborNode], others: list[list[LexborNode]]) -> None:
    """Cut the last answer to the shape of the others: no more blocks than the longest of them, and after its
    first block only the kinds of block that go on an answer there (a list after "Rich in iron are:"). A
    closing paragraph after an FAQ whose answers are one paragraph each stays in the body."""
    longest = max(1, *(len(nodes) for nodes in others))
    continuing = {node.tag for nodes in others for node in nodes[1:]}
    keep = 1
    while (keep < min(len(last), longest) and last[keep].tag in continuing
           and not is_disclosure(inline_text(last[keep]))):  # "This article does not replace medical advice."
        keep += 1
    del last[keep:]


_MAX_WRAPPER_DEPTH = 4
# Questions a heading run needs before the length of its answers says where the last one ends.
_MIN_RUN_FOR_PATTERN = 2


def _run_elements(nodes: Iterable[LexborNode], faq_level: int) -> Iterator[LexborNode]:
    """The elements of a heading run. A wrapper that holds several question headings (a page builder's FAQ
    section, one ``<div>`` around every question and answer) is opened, so that they take part one by one."""
    stack: list[tuple[Iterator[LexborNode], int]] = [(iter(nodes), 0)]
    while stack:
        iterator, depth = stack[-1]
        node = next(iterator, None)
        if node is None:
            stack.pop()
        elif depth < _MAX_WRAPPER_DEPTH and _is_wrapper(node) and _holds_questions(node, faq_level):
            stack.append((children(node), depth + 1))
        else:
            yield node


def _is_wrapper(node: LexborNode) -> bool:
    """A block that only groups others: a ``div`` or ``section``, or a custom element (``<amp-accordion>``)."""
    return node.tag in _WRAPPERS or "-" in node.tag


def _holds_questions(node: LexborNode, faq_level: int) -> bool:
    """Several question headings, or one that asks (one wrapper per question and its answer, however deep the
    theme nests it)."""
    if as_heading(node) is not None:
        return False
    deeper = [heading for heading in node.css(HEADING_SELECTOR) if heading_level(heading) > faq_level]
    return len(deeper) >= 2 or (len(deeper) == 1 and inline_text(deeper[0]).endswith(_QUESTION_END))


def _is_question_heading(node: LexborNode, faq_level: int) -> bool:
    if (inner := as_heading(node)) is not None:
        return heading_level(inner) > faq_level
    return is_bold_line(node) and inline_text(node).endswith(_QUESTION_END)


def _from_definition_list(node: LexborNode, consumed: Consumed) -> list[QuestionAnswer]:
    pairs = []
    for term in node.css("dt"):
        definition = next_element(term)
        if definition is not None and definition.tag == "dd":
            question, answer = strip_toggle_glyphs(inline_text(term)), block_text(definition)
            if question and answer:
                pairs.append(QuestionAnswer(question, answer))
    if pairs:
        consumed.add(node)
    return pairs


def _from_jsonld(jsonld: list[dict[str, Any]]) -> list[QuestionAnswer]:
    pairs = []
    for page in nodes_of_type(jsonld, {"FAQPage"}):
        for entity in resolve(as_list(page.get("mainEntity")), jsonld):
            if not isinstance(entity, dict):
                continue
            question = clean_inline(text_value(entity.get("name")) or "")
            answer = fragment_text(_answer_value(entity.get("acceptedAnswer")))
            if question and answer:
                pairs.append(QuestionAnswer(strip_toggle_glyphs(question), answer))
    return pairs


def _answer_value(value: Any) -> str:
    for item in as_list(value):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            return item["text"]
        if isinstance(item, str):
            return item
    return ""


def _unique(pairs: list[QuestionAnswer]) -> list[QuestionAnswer]:
    seen: set[str] = set()
    out = []
    for pair in pairs:
        key = pair.question.casefold()
        if key not in seen:
            seen.add(key)
            out.append(pair)
    return out
