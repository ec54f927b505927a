"""Sources: everything that turns files, pages and feeds into `Article`s."""

from .files import article_from_record, read_path
from .html import article_from_html

__all__ = ["article_from_html", "article_from_record", "read_path"]
