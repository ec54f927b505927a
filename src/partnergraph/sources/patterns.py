"""Rules as data for reading websites: cue words, XPath expressions and media types.

Only expressions live here; `listing.py`, `feeds.py`, `http.py` and `html.py` import them. The
cue words are the ones German news and city websites print on their pagination and teaser links
(checked against the page templates of TYPO3, WordPress, Drupal and GOVERNIKUS/Six city CMSs that
the team's fixture pages imitate).
"""

from __future__ import annotations

import re

# -- media types --------------------------------------------------------------------------------

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/feed+xml"})
#: generic XML types: a feed or a sitemap, told apart by the root element
XML_TYPES = frozenset({"application/xml", "text/xml"})
PAGE_TYPES = HTML_TYPES | FEED_TYPES | XML_TYPES

#: links whose path ends like this are documents or media, never article pages
NON_PAGE_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".zip",
                     ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".webm",
                     ".ics", ".vcf", ".css", ".js")

# -- pagination ---------------------------------------------------------------------------------

#: the whole text of a "next page" link, after removing arrows and punctuation, case-folded
NEXT_TEXTS = frozenset({
    "weiter", "nächste", "nächste seite", "nächster", "vorwärts", "ältere beiträge",
    "ältere meldungen", "ältere nachrichten", "ältere artikel", "weitere meldungen",
    "weitere nachrichten", "mehr meldungen", "next", "next page", "older posts", "older entries",
})
#: arrows and punctuation that decorate pagination links ("weiter »", "› nächste Seite")
LINK_DECORATION = re.compile(r"[\s»«›‹>→⟩\u00a0.:]+")
#: words of an aria-label or title that say "next page" ("Zur nächsten Seite gehen", "Seite
#: vor"); the link text itself is matched whole (NEXT_TEXTS), because a headline may say "weiter"
NEXT_LABEL = re.compile(r"\b(nächsten?|next|weiter|vorwärts|ältere)\b", re.IGNORECASE)
PREVIOUS_LABEL = re.compile(r"\b(vorherige[nr]?|zurück|previous|prev|ersten?|letzten?|first|last|neuere|ende)\b",
                            re.IGNORECASE)
#: a link whose whole text is one of these arrows goes to the next page; "»" only where no "›"
#: is offered, because pagers that show both use "»" for the last page (TYPO3's tx-news)
NEXT_ARROWS = ("›", ">", "→", "»")
#: the page number in a listing URL: a query parameter (``?page=2``, Drupal's 0-based
#: ``?page=1``, ``?p=2``, WordPress's ``?paged=2``, TYPO3's ``…[currentPage]=2``) or a path
#: segment pair (``/seite/2``, ``/page/2/``); Joomla's ``?start=10`` counts articles, not pages
PAGE_PARAM = re.compile(r"^(?:page|p|pg|paged|seite|currentpage|start|limitstart|offset)$", re.IGNORECASE)
PAGE_PATH = re.compile(r"/(?:seite|page|pages|p)/(\d+)(/?)$", re.IGNORECASE)
#: containers that hold pagination (class or id), so a bare "›" or "2" link is understood
PAGINATION_CONTAINER = re.compile(r"pag(e|ination|er|ing)|seiten|browse", re.IGNORECASE)
#: the marker of the current page inside a pagination container
CURRENT_PAGE = re.compile(r"\b(current|active|is-active|act|cur|selected)\b", re.IGNORECASE)

# -- teasers ------------------------------------------------------------------------------------

#: ancestors whose links are site chrome, never teasers
#: (a header or footer inside an <article> is that article's own, as WordPress writes its
#: headline links: <article><header class="entry-header"><h2><a>)
CHROME_XPATH = ("ancestor-or-self::*[self::nav or ((self::header or self::footer) and not(ancestor::article)) "
                "or self::aside or self::form or @role='navigation' or @role='banner' "
                "or @role='contentinfo' or @role='dialog' or @role='complementary']")
#: class/id words of chrome containers that are not marked by element or role (whole words)
CHROME_CLASS = re.compile(
    r"(^|[\s_-])(cookie\w*|consent|breadcrumbs?|pagination|pager|menu|navbar|navigation|social|"
    r"share|sharing|skip-?links?|site-?header|site-?footer|footer|sidebar|metanav|servicenav|"
    r"backlink|news-backlink)($|[\s_-])", re.IGNORECASE)
#: class words of the block that holds one teaser (an item of a news list)
TEASER_CLASS = re.compile(r"teaser|news-?item|news-?list-?item|list-?item|entry|post|card|"
                          r"article|meldung|beitrag", re.IGNORECASE)
#: where the main content of a page is, first match wins; the whole body when none matches
MAIN_CONTENT_XPATHS = (
    "//main", "//*[@role='main']",
    "//*[@id='content' or @id='inhalt' or @id='main' or @id='main-content' or @id='maincontent' "
    "or @id='content-main' or @id='hauptinhalt']",
)
#: the last path segment of an article page: a slug of three words or more
#: ("koeln-und-tunis-tauschen-sich-aus"), or a number of three digits or more anywhere in
#: the path or query (a CMS id: "/pressemitteilungen/2024/123456.php", "?id=4711")
ARTICLE_SLUG = re.compile(r"^[^/]*?[\w%]+[-_][\w%]+[-_][\w%]+[^/]*$")
ARTICLE_NUMBER = re.compile(r"\d{3,}")
#: link text of this many words or more reads as a headline, not as a menu entry
HEADLINE_WORDS = 4
#: the text of a "read more" link below a teaser
READ_MORE_TEXTS = frozenset({"mehr", "weiterlesen", "mehr lesen", "mehr erfahren", "zum artikel",
                             "zur meldung", "artikel lesen", "meldung lesen", "mehr dazu",
                             "read more", "more"})

# -- article pages ------------------------------------------------------------------------------

#: og:type / JSON-LD @type values that mark a page as one article
ARTICLE_TYPES = frozenset({"article", "newsarticle", "blogposting", "reportagenewsarticle",
                           "analysisnewsarticle", "pressrelease"})
#: elements that hold the dateline of an article on its own ("Berlin, 5. Juli 2024.")
DATELINE_XPATH = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' dateline ') or "
                  "contains(concat(' ', normalize-space(@class), ' '), ' ortsmarke ') or "
                  "contains(concat(' ', normalize-space(@class), ' '), ' location ')]")
#: a photo credit closing a caption: "… Foto: Redaktion", "… © Stadt Köln", "(Bild: dpa)"
CAPTION_CREDIT = re.compile(
    r"\s*[(\[|–-]?\s*(?:(?:Foto|Fotos|Bild|Bilder|Quelle|Photo|Credit)\s*:|©|\(c\)).*$",
    re.IGNORECASE)

# -- sitemaps -------------------------------------------------------------------------------------

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_SITEMAP_NS = "http://www.google.com/schemas/sitemap-news/0.9"
