"""Parsing: one page's bytes -> article, takeaways, FAQ and framework records."""

from pipeline.parse.page_parser import PARSER_VERSION, ParsedPage, parse_page

__all__ = ["PARSER_VERSION", "ParsedPage", "parse_page"]
