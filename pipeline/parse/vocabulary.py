"""Words that name a section or a piece of chrome, per language, in one place.

Each list holds lower-case phrases, compared with a heading once it is cleaned (case folded; leading
numbering and emoji, trailing punctuation dropped): takeaways headings start with a phrase, FAQ headings
contain one ("Vitamin D FAQs"), framework headings start with one or contain one of a shorter list ("Decision
Framework for ..."), chrome headings, inline labels and jump links are one (or start with a chrome prefix).
Add a language by adding its phrases to every list.
Languages: English, Spanish, French, German, Portuguese, Italian, Dutch; and, less completely, Polish, Swedish,
Danish, Turkish, Russian, Japanese and Indonesian.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.parse.dates import iso_date
from pipeline.parse.text import FIRST_UNSPACED, strip_toggle_glyphs


def _fold(text: str) -> str:
    """Case folded NFC. Turkish dotted and dotless i fold alike ("İlgili" -> "i̇lgili", "SIKÇA" -> "sikça" must
    meet "ilgili" and "sıkça"), so both become a plain i."""
    text = unicodedata.normalize("NFC", text).casefold()
    return text if text.isascii() else text.replace("\u0307", "").replace("ı", "i")

TAKEAWAYS = (
    # en
    "key takeaways", "key takeaway", "takeaways", "the takeaway", "the takeaways", "our takeaway", "key points",
    "key point", "key facts", "main points",
    "tl;dr", "tl dr", "tldr", "at a glance", "in a nutshell", "in brief", "summary", "quick summary",
    "the bottom line", "bottom line", "highlights", "key highlights", "what you need to know", "quick facts",
    "things to remember", "quick takeaways", "article summary", "in short", "the short version", "short version",
    "the gist", "quick take", "the quick take",
    # es
    "puntos clave", "conclusiones clave", "ideas clave", "resumen", "en resumen", "lo esencial",
    "lo más importante", "aspectos clave", "claves", "lo que debes saber", "lo que necesitas saber",
    "en pocas palabras", "los puntos clave",
    # fr
    "points clés", "points cles", "à retenir", "a retenir", "l'essentiel", "l’essentiel", "en bref", "résumé",
    "resume", "ce qu'il faut retenir", "ce qu’il faut retenir", "en résumé",
    # de
    "das wichtigste in kürze", "das wichtigste", "wichtigste punkte", "kernpunkte", "zusammenfassung",
    "auf einen blick", "in kürze", "kurz gesagt", "fazit in kürze", "die wichtigsten punkte", "die wichtigsten fakten",
    "kurz & knapp", "kurz und knapp",
    # pt
    "pontos principais", "pontos-chave", "principais pontos", "principais conclusões", "resumo", "em resumo",
    "destaques", "o que você precisa saber", "o que precisa saber", "em poucas palavras", "os pontos principais",
    # it
    "punti chiave", "in sintesi", "riepilogo", "in breve", "da ricordare", "riassunto", "punti salienti",
    "i punti chiave", "cosa sapere",
    # nl
    "belangrijkste punten", "kernpunten", "samenvatting", "in het kort", "de belangrijkste punten", "kort samengevat",
    "in een notendop",
    # pl
    "najważniejsze informacje", "najważniejsze w skrócie", "w skrócie", "w pigułce", "kluczowe informacje",
    "podsumowanie",
    # sv
    "sammanfattning", "i korthet", "det viktigaste", "kortfattat",
    # da
    "kort fortalt", "det vigtigste", "opsummering", "kort sagt",
    # tr
    "önemli noktalar", "özet", "kısaca", "öne çıkanlar",
    # ru
    "главное", "кратко", "коротко о главном", "основные выводы", "главное в статье",
    # ja
    "この記事のポイント", "この記事でわかること", "ポイント", "要点", "まとめ",
    # id
    "poin penting", "ringkasan", "poin utama", "intisari",
)

FAQ = (
    # en
    "frequently asked questions", "faq", "faqs", "f.a.q", "common questions", "questions and answers",
    "questions & answers", "q&a", "q & a", "people also ask", "your questions answered", "commonly asked questions",
    # es
    "preguntas frecuentes", "preguntas y respuestas", "preguntas comunes", "dudas frecuentes",
    "preguntas más frecuentes",
    # fr
    "questions fréquentes", "questions frequentes", "foire aux questions", "questions courantes",
    "questions fréquemment posées", "vos questions", "questions les plus fréquentes",
    # de
    "häufig gestellte fragen", "haufig gestellte fragen", "häufige fragen", "fragen und antworten",
    "oft gestellte fragen", "die häufigsten fragen",
    # pt
    "perguntas frequentes", "perguntas e respostas", "dúvidas frequentes", "duvidas frequentes",
    "perguntas mais frequentes",
    # it
    "domande frequenti", "domande e risposte", "domande comuni", "domande più frequenti", "domande più comuni",
    # nl
    "veelgestelde vragen", "veel gestelde vragen", "vragen en antwoorden",
    # pl
    "najczęściej zadawane pytania", "często zadawane pytania", "pytania i odpowiedzi",
    # sv
    "vanliga frågor", "frågor och svar",
    # da
    "ofte stillede spørgsmål", "spørgsmål og svar",
    # tr
    "sıkça sorulan sorular", "sık sorulan sorular", "merak edilenler", "soru-cevap",
    # ru
    "часто задаваемые вопросы", "вопросы и ответы", "частые вопросы",
    # ja
    "よくある質問", "よくあるご質問", "質問と回答",
    # id
    "pertanyaan yang sering diajukan", "pertanyaan umum", "tanya jawab",
)

FRAMEWORK = (
    # en
    "decision framework", "framework", "step-by-step", "step by step", "steps to", "steps for", "action plan",
    "checklist", "your plan", "roadmap", "decision guide", "decision tree", "instructions", "procedure",
    # es
    "marco de decisión", "marco de decision", "pasos", "paso a paso", "plan de acción", "lista de verificación",
    "procedimiento",
    # fr
    "cadre de décision", "étapes", "etapes", "étape par étape", "marche à suivre", "plan d'action", "plan d’action",
    "procédure",
    # de
    "entscheidungsrahmen", "schritt für schritt", "schritte", "anleitung", "vorgehen", "aktionsplan", "checkliste",
    "schritt-für-schritt",
    # pt
    "passo a passo", "passos", "etapas", "plano de ação",
    # it
    "passo dopo passo", "passaggi", "fasi", "procedura", "piano d'azione",
    # nl
    "stappenplan", "stap voor stap", "stappen", "het stappenplan",
    # pl
    "krok po kroku", "instrukcja", "plan działania",
    # sv
    "steg för steg",
    # da
    "trin for trin", "fremgangsmåde",
    # tr
    "adım adım",
    # ru
    "пошаговая инструкция", "шаг за шагом", "инструкция", "алгоритм действий",
    # ja
    "手順",
    # id
    "langkah-langkah",
)
# Headings that start like a procedure but as often introduce an explanation ("How to tell if you are low on
# magnesium", "Come agisce la melatonina"): they name a framework only when numbered steps follow.
FRAMEWORK_GENERIC = (
    "how to", "the process", "process", "a guide to", "getting started",
    "cómo", "como hacer", "guía",
    "comment", "guide",
    "so geht", "leitfaden", "wie sie", "wie man",
    "como fazer", "como", "guia",
    "come fare", "come", "guida",
    "hoe je",
    "så gör du", "sådan gør du", "nasıl yapılır", "やり方", "cara", "panduan",
)
# Headings over numbered lists that are no procedure: the sources, and how a review chose what it reviews.
NOT_A_PROCEDURE = (
    "sources", "references", "bibliography", "citations", "works cited", "further reading", "methodology",
    "our methodology", "how we chose", "how we tested", "how we picked", "how we evaluated", "how we test",
    "how we rate", "how we review", "our criteria", "criteria", "what we looked for", "why trust us",
    "fuentes", "referencias", "bibliografía", "cómo elegimos", "metodología", "références", "bibliographie",
    "méthodologie", "quellen", "quellenangaben", "literatur", "methodik", "fonti", "bibliografia", "riferimenti",
    "metodologia", "fontes", "referências", "bronnen",
)
# Framework words that may also stand inside a heading ("Decision Framework for ...", "A 5-Step Plan").
FRAMEWORK_ANYWHERE = (
    "framework", "step-by-step", "step by step", "steps", "checklist", "action plan", "roadmap", "plan",
    "routine", "protocol", "program", "programme", "regimen",
    "pasos", "paso a paso", "rutina", "programa", "marco de decisión",
    "étapes", "schritte", "passos", "rotina", "plano", "passaggi", "programma", "stappen", "programm",
    "anleitung", "schritten", "stappenplan", "kroki", "kroków", "steg", "trin", "adım", "adımda", "шагов", "ステップ",
    "langkah", "schritt für schritt", "étape par étape", "passo dopo passo", "passo a passo", "stap voor stap",
    "krok po kroku", "steg för steg", "trin for trin", "adım adım", "шаг за шагом",
)

# Headings of blocks that are site chrome, not article: related content, sharing, comments, newsletters, tables
# of contents.
CHROME = (
    # en
    "related articles", "related posts", "related stories", "related content", "related reading", "related",
    "you may also like", "you might also like", "you may be interested in", "more from", "more stories",
    "recommended for you", "recommended", "read more", "read next", "popular posts", "popular articles",
    "trending", "latest posts", "recent posts", "most popular", "more articles", "further reading:",
    "share this", "share this article", "share this post", "share on", "share:", "follow us", "leave a reply",
    "leave a comment", "comments", "post a comment", "join the discussion", "subscribe", "sign up for",
    "newsletter", "about the author", "tags:", "categories:", "advertisement", "sponsored", "top stories",
    "top video", "top videos", "don't miss", "don’t miss", "most read", "most viewed", "trending now", "popular now",
    "latest news", "latest stories", "editor's picks", "editors' picks", "recommended stories", "from the web",
    "around the web", "related links", "join the conversation", "you might like", "what to read next",
    "table of contents", "contents", "in this article", "on this page", "jump to", "jump to section",
    "was this post helpful", "was this article helpful", "was this helpful", "was this page helpful",
    "did you find this article helpful", "did you find this helpful", "rate this article", "rate this post",
    "how useful was this post", "sponsored content", "paid content", "partner content", "promoted",
    "disclaimer", "medical disclaimer", "media contact", "media contacts", "press contact", "press contacts",
    "مقالات ذات صلة", "כתבות נוספות",
    # es
    "artículos relacionados", "articulos relacionados", "también te puede interesar", "te puede interesar",
    "comparte", "compartir", "deja un comentario", "comentarios", "entradas relacionadas", "noticias relacionadas",
    "índice", "tabla de contenidos", "índice de contenidos", "contenidos", "deja una respuesta", "quizás te interese",
    "te ha resultado útil", "te ha sido útil este artículo", "publicidad", "descargo de responsabilidad",
    # fr
    "articles similaires", "articles liés", "à lire aussi", "a lire aussi", "vous aimerez aussi", "partager",
    "laisser un commentaire", "commentaires", "sur le même sujet", "sommaire", "table des matières",
    "partager cet article", "vous pourriez aussi aimer", "cet article vous a-t-il été utile",
    "cet article vous a été utile", "publicité", "clause de non-responsabilité",
    # de
    "ähnliche artikel", "verwandte artikel", "das könnte sie auch interessieren", "teilen", "kommentare",
    "hinterlasse einen kommentar", "mehr zum thema", "weitere artikel", "inhaltsverzeichnis", "inhalt",
    "ähnliche beiträge", "verwandte beiträge", "schreibe einen kommentar", "das könnte dich auch interessieren",
    "auch interessant", "beitrag teilen", "neueste beiträge", "war dieser artikel hilfreich",
    "war dieser beitrag hilfreich", "anzeige", "werbung", "haftungsausschluss",
    # pt
    "artigos relacionados", "posts relacionados", "leia também", "leia tambem", "compartilhe", "comentários",
    "deixe um comentário", "você também pode gostar", "sumário", "índice de conteúdo",
    "deixe uma resposta", "compartilhar", "partilhar", "também lhe pode interessar", "este artigo foi útil",
    "esse artigo foi útil", "publicidade", "isenção de responsabilidade",
    # it
    "articoli correlati", "potrebbe interessarti", "leggi anche", "condividi", "commenti", "lascia un commento",
    "indice", "sommario", "indice dei contenuti", "ti potrebbe interessare", "articoli simili", "lascia una risposta",
    "questo articolo ti è stato utile", "ti è stato utile questo articolo", "pubblicità",
    "esclusione di responsabilità",
    # nl
    "gerelateerde artikelen", "lees ook", "delen", "reacties", "laat een reactie achter", "inhoudsopgave",
    "inhoud", "gerelateerde berichten", "geef een reactie", "deel dit artikel", "dit vind je misschien ook interessant",
    "recente berichten", "was dit artikel nuttig", "was dit artikel behulpzaam", "advertentie",
    # pl
    "podobne wpisy", "podobne artykuły", "zobacz także", "zobacz też", "przeczytaj również", "udostępnij",
    "dodaj komentarz", "komentarze", "spis treści", "ostatnie wpisy",
    # sv
    "relaterade inlägg", "relaterade artiklar", "dela", "lämna ett svar", "kommentarer", "innehållsförteckning",
    "senaste inläggen",
    # da
    "relaterede indlæg", "relaterede artikler", "del", "efterlad en kommentar", "skriv en kommentar",
    "indholdsfortegnelse", "seneste indlæg",
    # tr
    "ilgili yazılar", "benzer yazılar", "bunlar da ilginizi çekebilir", "paylaş", "bir yanıt yazın", "yorumlar",
    "içindekiler", "son yazılar",
    # ru
    "похожие статьи", "похожие записи", "поделиться", "добавить комментарий", "комментарии", "содержание",
    "оглавление", "свежие записи",
    # ja
    "関連記事", "おすすめ記事", "シェアする", "コメントを残す", "目次", "最近の投稿", "人気記事",
    # id
    "artikel terkait", "bagikan", "tinggalkan balasan", "komentar", "daftar isi", "pos-pos terbaru", "berita terkait",
)

# Chrome headings that may go on ("More from Health", "Share this on ...").
CHROME_PREFIXES = ("more from", "more in", "more news", "more stories", "share this", "share on", "sign up for",
                   "you may also like", "you might also like", "related articles", "related posts", "más de",
                   "plus de", "mehr von", "mehr zum thema", "ähnliche", "potrebbe interessarti", "partager", "podobne",
                   "click to rate", "rate this", "why trust", "why you can trust")
_CHROME_SET = frozenset(_fold(phrase).rstrip(":") for phrase in CHROME)
# Labels that interrupt an article (an ad slot, a "read also" teaser) rather than end it: a line of the body
# that is only one of these is dropped, and the article goes on after it.
INLINE_LABELS = frozenset(_fold(label) for label in {
    "advertisement", "advertisements", "sponsored", "sponsored content", "ad", "ads", "read more", "read next",
    "read also", "also read", "don't miss", "don’t miss", "continue reading", "continue reading below",
    "story continues below", "article continues below", "content continues below", "scroll to continue",
    "scroll to continue with content", "related",
    "publicidad", "lee también", "lea también", "publicité", "à lire aussi", "a lire aussi", "lire aussi", "anzeige",
    "werbung", "lesen sie auch", "publicidade", "leia também", "leia mais", "veja também", "pubblicità",
    "leggi anche", "advertentie", "lees ook", "auch interessant",
    "czytaj także", "czytaj też", "zobacz też", "przeczytaj również", "läs också", "läs även", "læs også",
    "ayrıca okuyun", "читайте также", "あわせて読みたい", "関連記事", "baca juga", "reklama", "annons", "reklame",
    "reklam", "реклама", "広告", "スポンサーリンク", "iklan", "member-only story", "members only", "members-only",
    "see also", "voir aussi", "siehe auch", "ver también", "vedi anche", "zie ook",
    "اقرأ أيضاً", "اقرأ أيضا", "إعلان", "קראו גם", "פרסומת",
})

# In-page links back to the top of the page.
JUMP_LINKS = ("back to top", "to top", "top", "go to top", "scroll to top", "return to top", "back to top button",
              "volver arriba", "ir arriba", "subir", "haut de page", "retour en haut", "nach oben", "zum seitenanfang",
              "voltar ao topo", "topo", "torna su", "torna all'inizio", "naar boven", "terug naar boven",
              "zurück nach oben", "do góry", "powrót na górę", "till toppen", "til toppen", "başa dön", "наверх",
              "ページの先頭へ", "トップへ戻る", "kembali ke atas")
_JUMP_SET = frozenset(_fold(phrase) for phrase in JUMP_LINKS)

_NOISE = re.compile(r"^[\W\d_]+|[\s:.\-–—!?]+$")
_TRAILING_NOISE = frozenset(":.-–—!?")


def heading_key(text: str) -> str:
    """A heading's comparable form: case folded, accents kept, leading numbering/emoji and trailing ':' dropped."""
    text = _fold(text).strip()
    if text and text[0].isalpha() and text[-1] not in _TRAILING_NOISE:
        return text  # most headings: a letter first, nothing to trim at the end; no regex needed
    return _NOISE.sub("", text).strip()




def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))


def _split_by_script(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Phrases in scripts that put spaces between words, and in those that do not (a phrase written there has
    no word boundary to look for)."""
    folded = tuple(_fold(phrase) for phrase in phrases)
    return (tuple(p for p in folded if max(p) < FIRST_UNSPACED), tuple(p for p in folded if max(p) >= FIRST_UNSPACED))


def _starting(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Matches a key that is, or starts with, one of the phrases followed by a word boundary."""
    spaced, unspaced = _split_by_script(phrases)
    pattern = rf"^(?:{_alternation(spaced)})(?!\w)"
    return re.compile(pattern + (rf"|^(?:{_alternation(unspaced)})" if unspaced else ""))


def _anywhere(phrases: tuple[str, ...]) -> re.Pattern[str]:
    spaced, unspaced = _split_by_script(phrases)
    pattern = rf"(?<!\w)(?:{_alternation(spaced)})(?!\w)"
    return re.compile(pattern + (rf"|(?:{_alternation(unspaced)})" if unspaced else ""))


# A site repeats its headings on every page ("Related Articles", "Leave a Reply", "FAQ"): each is judged once.
_CACHED_HEADINGS = 4096
_TAKEAWAYS_START = _starting(TAKEAWAYS)
_FAQ_ANYWHERE = _anywhere(FAQ)
_FRAMEWORK_START = _starting(FRAMEWORK)
_FRAMEWORK_ANYWHERE = _anywhere(FRAMEWORK_ANYWHERE)
_FRAMEWORK_GENERIC_START = _starting(FRAMEWORK_GENERIC)
_CHROME_START = _starting(CHROME_PREFIXES)
_NOT_A_PROCEDURE_START = _starting(NOT_A_PROCEDURE)


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_takeaways_heading(text: str) -> bool:
    key = heading_key(text)
    return len(key) <= 60 and bool(_TAKEAWAYS_START.match(key))


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_faq_heading(text: str) -> bool:
    """'FAQ', 'Preguntas frecuentes', and also 'Vitamin D FAQs' or 'Magnesium: Frequently Asked Questions'."""
    key = heading_key(text)
    return len(key) <= 80 and bool(_FAQ_ANYWHERE.search(key))


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_framework_heading(text: str) -> bool:
    key = heading_key(text)
    return len(key) <= 120 and bool(_FRAMEWORK_START.match(key) or _FRAMEWORK_ANYWHERE.search(key))


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_generic_framework_heading(text: str) -> bool:
    """'How to ...', 'Cómo ...': a procedure only when numbered steps follow (see ``FRAMEWORK_GENERIC``)."""
    key = heading_key(text)
    return len(key) <= 120 and bool(_FRAMEWORK_GENERIC_START.match(key))


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_not_a_procedure_heading(text: str) -> bool:
    """'Sources', 'How we tested': the numbered list under it is no procedure, however its items are set."""
    return bool(_NOT_A_PROCEDURE_START.match(heading_key(text)))


# What a citation carries: "et al.", a DOI or PubMed id, a year in a reference's punctuation ("2018;71:e13").
_CITATION = re.compile(r"\bet al\b|\bdoi\b|\bpmid\b|(?<!\d)(?:19|20)\d\d[;:)]|\(\s*(?:19|20)\d\d\s*\)",
                       re.IGNORECASE)


def is_citation(text: str) -> bool:
    return bool(_CITATION.search(text))


def is_jump_link_text(text: str) -> bool:
    return heading_key(strip_toggle_glyphs(text)) in _JUMP_SET


# "Reading time: 6 minutes", "6 min read", "Lesezeit: 4 Minuten", "Tiempo de lectura: 5 minutos".
_READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time|read time|lesezeit|tiempo de lectura|temps de lecture|tempo de leitura|"
    r"tempo di lettura|leestijd|czas czytania|lästid|læsetid|okuma süresi|время чтения)\s*:?\s*"
    r"(?:about |ca\.? |~)?\d+(?:[-–]\d+)?\s*\w*\.?$"
    r"|^\d+(?:[-–]\d+)?\s*(?:min|mins|minutes?|minuten|minutos|minuti|minuter|minutter|dakika|мин)\.?\s*"
    r"(?:read|reading|lesezeit|de lectura|de lecture|de leitura|di lettura|leestijd|läsning|læsning|okuma|чтения)$"
)


# A count standing alone: claps, views, comments ("1.2K", "2,345 views", "17 comments").
_COUNT = re.compile(
    r"^\d+(?:[.,]\d+)?[KM]$|^\d[\d.,]*[KM]?\s+(?i:views|reads|comments|responses|shares|likes|claps|votes|replies)$"
)


def is_count(text: str) -> bool:
    return len(text) <= 24 and text[:1].isdigit() and bool(_COUNT.match(text))


def is_reading_time(text: str) -> bool:
    return len(text) <= 60 and bool(_READING_TIME.match(_fold(text).strip()))


# The parts of a byline line: "By Ana Ruiz · Medically reviewed by Dr. Lee, MD | Updated Nov 3, 2025 – 6 min read".
_BYLINE_SEPARATORS = re.compile(r"\s+[-·•|–—]\s+|\s*\|\s*")
_SEPARATOR_MARK = re.compile(r"[·•|–—]| - ")  # a hyphen only between spaces: most words hold one
_BYLINE_STARTS = (
    "by ", "written by", "medically reviewed by", "reviewed by", "also reviewed by", "fact checked by",
    "fact-checked by", "edited by", "review date", "updated", "last updated", "published", "posted", "por ",
    "escrito por", "revisado por", "actualizado", "publicado", "von ", "aktualisiert", "veröffentlicht", "par ",
    "mis à jour", "publié", "di ", "aggiornato", "pubblicato", "door ", "bijgewerkt", "gepubliceerd", "atualizado",
    # the post's filing, often on the same line: "Categoria: Saúde - Tags: ..."
    "category:", "categories:", "categoria:", "categoría:", "catégorie:", "kategorie:", "categorie:", "tags:",
    "etiquetas:", "filed under", "posted in",
)
# A date in digits, whichever order its day and month come in: "05/10/2018", "5.10.18".
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")
_MAX_BYLINE_PART_CHARS = 120


def is_byline(text: str) -> bool:
    """A line made only of byline parts (author, reviewer, dates, reading time) joined by separators. A single
    part is not enough: "By 2030, half of adults ..." starts a sentence."""
    if len(text) > 200 or _SEPARATOR_MARK.search(text) is None:
        return False
    parts = [part for part in _BYLINE_SEPARATORS.split(text) if part.strip()]
    return len(parts) >= 2 and all(is_byline_part(part.strip()) for part in parts)


def is_byline_label(text: str) -> bool:
    """Text that opens like a byline and is no sentence: "Updated by", "Review Date 1/23/2024"."""
    return len(text) <= _MAX_BYLINE_PART_CHARS and not text.endswith(".") and _fold(text).startswith(_BYLINE_STARTS)


def is_byline_part(part: str) -> bool:
    """One part of a byline: "By Ana Ruiz", "Reviewed by Dr. Lee, MD", "Updated March 3, 2025", "6 min read"."""
    return (is_byline_label(part) or is_reading_time(part) or _NUMERIC_DATE.fullmatch(part) is not None
            or iso_date(part) is not None)


_MAX_DATE_LINE_WORDS = 5
_YEAR_LIKE = re.compile(r"\d{4}")


def is_date_line(text: str) -> bool:
    """A line that is only a date ("Jan. 20, 2024", "Updated 3 March 2025"): page metadata, not a sentence."""
    return (len(text) <= 40 and _YEAR_LIKE.search(text) is not None and not text.endswith(".")
            and len(text.split()) <= _MAX_DATE_LINE_WORDS and iso_date(text) is not None)


# What an affiliate disclosure says ("we may earn a commission ... at no extra cost to you"), and a medical or
# legal disclaimer that closes (or opens) an article ("... for informational purposes only", "... should never be
# used as a substitute for direct medical advice"). Matched in lower case.
_DISCLOSURE = re.compile(
    r"affiliate (?:links?|commissions?|partnerships?)|earns? (?:a )?(?:small )?commission|"
    r"at no (?:extra|additional) cost to you|(?:receive|earn|get) (?:a )?compensation|may be compensated|"
    r"como (?:afiliado|asociado) de amazon|en tant que partenaire amazon|als amazon-partner|"
    r"as an amazon associate|reader-supported|enlaces de afiliad|liens affiliés|links de afiliad|"
    r"link di affiliazione|affiliate-links|"
    r"^disclaimer\b|substitute for (?:professional |direct |qualified )?medical advice|"
    r"for (?:general )?informational purposes only|not intended (?:as|to be) (?:a substitute for )?medical advice|"
    r"diagnosis or treatment of any medical condition|"
    r"no sustituye (?:el )?consejo médico|ne remplacen?t pas (?:un avis|une consultation) médica?l?e?|"
    r"ersetzt keine (?:ärztliche|medizinische) beratung|não substitui (?:o )?aconselhamento médico|"
    r"non sostituisce (?:il )?parere medico"
)
# Every disclosure holds one of these: substring tests spare most blocks the regular expression.
_DISCLOSURE_WORDS = ("affiliat", "afiliad", "commission", "compensat", "cost to you", "amazon", "reader-supported",
                     "disclaimer", "medic", "médic", "informational", "beratung", "diagnosis")
_MAX_DISCLOSURE_CHARS = 400


def is_disclosure(text: str) -> bool:
    if len(text) > _MAX_DISCLOSURE_CHARS:
        return False
    lowered = text.lower()
    return any(word in lowered for word in _DISCLOSURE_WORDS) and bool(_DISCLOSURE.search(lowered))


# A picture's credit or the site's copyright, on a line of its own: "Photo credit: Getty Images", "Photo by Ana
# Ruiz on Unsplash", "© 2024 WebMD, LLC. All rights reserved."
_CREDIT_OR_COPYRIGHT = re.compile(
    r"(?:(?:header |featured |cover )?(?:photo|image|picture|illustration|video)s?\s*(?:credits?|courtesy|source)?"
    r"|credits?|foto|bild|imagen|crédito|crédit|credito|immagine)\s*:"
    r"|(?:photo|image|foto) (?:by|von|de|di|por)\s"
    r"|©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4})",
    re.IGNORECASE,
)
_RIGHTS_RESERVED = re.compile(
    r"all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten|"
    r"todos os direitos reservados|tutti i diritti riservati",
    re.IGNORECASE,
)
_MAX_CREDIT_CHARS = 200


def is_credit_or_copyright(text: str) -> bool:
    if len(text) > _MAX_CREDIT_CHARS:
        return False
    return bool(_CREDIT_OR_COPYRIGHT.match(text)) or (
        ("reserv" in text or "riservati" in text or "vorbehalten" in text) and bool(_RIGHTS_RESERVED.search(text))
    )


# The call to action of a sign-up box: "Sign up", "Sign Me Up", "Subscribe now", "Suscríbete", "Jetzt abonnieren".
_SIGN_UP_CALL = re.compile(
    r"(?:sign (?:me )?up|subscribe|join (?:now|us|free|today)|get (?:the|our) newsletter|suscr[ií]bete|"
    r"(?:jetzt )?abonnieren|(?:je )?m['’]inscri|s['’]abonner|inscreva-se|assine|iscriviti|abonneer|"
    r"meld je aan|zapisz się|prenumerera|abone ol|подписаться)\b",
    re.IGNORECASE,
)


# What a page says where its scripts did not run: "To use the sharing features on this page, please enable
# JavaScript."
_SCRIPT_NOTICE = re.compile(r"enable javascript|javascript is (?:disabled|required|turned off)", re.IGNORECASE)


def is_script_notice(text: str) -> bool:
    return len(text) <= 200 and "avaScript" in text and bool(_SCRIPT_NOTICE.search(text))


# The line a player leaves when its embed is stripped: "Watch: 3 vitamin D myths, debunked", "VIDEO: ...".
_MEDIA_LABEL = re.compile(r"(?:watch|video|listen|podcast|vídeo|regarder|ansehen|guarda|assista)\s?:\s*\S",
                          re.IGNORECASE)
_MAX_MEDIA_LABEL_CHARS = 100


def is_media_label(text: str) -> bool:
    return len(text) <= _MAX_MEDIA_LABEL_CHARS and not text.endswith(".") and bool(_MEDIA_LABEL.match(text))


def is_sign_up_call(text: str) -> bool:
    return len(text) <= 40 and bool(_SIGN_UP_CALL.match(text))


# What a sign-up pitch promises: "... straight to your inbox", "Get our newsletter".
_SIGN_UP_PITCH = ("inbox", "newsletter", "bandeja de entrada", "boîte mail", "boîte de réception", "postfach",
                  "casella di posta", "caixa de entrada")


def is_sign_up_pitch(text: str) -> bool:
    lowered = text.lower()
    return any(phrase in lowered for phrase in _SIGN_UP_PITCH)


# A publisher's statement about its own standards, printed on every article ("Healthline has strict sourcing
# guidelines ...", "... uses only high-quality sources ...", "... adheres to strict editorial integrity standards").
_EDITORIAL_NOTICE = re.compile(
    r"\bstrict (?:sourcing|editorial)\b|\buses only high-quality sources\b|\bour editorial (?:policy|process)\b",
    re.IGNORECASE,
)
_MAX_NOTICE_CHARS = 500


# The notice a shop widget prints under its prices: "Product prices and availability are accurate as of the
# date/time indicated ...", "Prices pulled from the Amazon Product Advertising API on:", "Prices updated daily".
_PRICE_NOTICE = re.compile(
    r"prices? and availability (?:are|is) accurate|product advertising api|^prices? (?:updated|last updated)|"
    r"at the time of publishing, the price",
    re.IGNORECASE,
)


def is_price_notice(text: str) -> bool:
    # Every block of the body is tested: "rice" alone would send nutrition articles to the regular expression.
    return (len(text) <= _MAX_NOTICE_CHARS and ("rices" in text or "rice " in text[:7] or "rice was" in text)
            and bool(_PRICE_NOTICE.search(text)))


def is_editorial_notice(text: str) -> bool:
    # Every block of the body is tested: two substring tests spare most of them the regular expression.
    return (len(text) <= _MAX_NOTICE_CHARS and ("sourc" in text or "editorial" in text)
            and bool(_EDITORIAL_NOTICE.search(text)))


_LABEL_SEPARATORS = re.compile(r"\s+[-–—|·•]\s+")


def is_inline_label(text: str) -> bool:
    """An ad or teaser label, also several joined by a separator ("Advertisement - Continue Reading Below")."""
    if heading_key(text) in INLINE_LABELS:
        return True
    parts = _LABEL_SEPARATORS.split(text)
    return len(parts) > 1 and all(heading_key(part) in INLINE_LABELS for part in parts)


@lru_cache(maxsize=_CACHED_HEADINGS)
def is_chrome_heading(text: str) -> bool:
    """Exact match only: "Recommended" is chrome, "Recommended daily intake" is an article section."""
    key = heading_key(text)
    return key in _CHROME_SET or (len(key) <= 50 and bool(_CHROME_START.match(key)))
