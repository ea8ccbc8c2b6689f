"""The Chinese analyzer shared by every backend: what a text becomes in the index, what a query asks.

- Folding: NFKC (full-width digits and letters), lower case, Traditional → Simplified (OpenCC
  `t2s`). Applied to indexed text and to queries only; stored text stays as written (a round trip
  through OpenCC can change a name, e.g. 沈 → 沉 with other configs).
- Personal ID numbers and mobile numbers are blanked before tokenizing: they are never indexed.
- CJK runs give character bigrams (so a name such as 康秀英, or any 2+ character substring, is found
  even where jieba cuts it differently) plus the run's last character alone (so one-character queries
  can be answered as "a bigram starting with it, or it as a run's last character").
- Words of three to seven characters from jieba's dictionary are added for ranking (two-character
  words already are bigrams): in documents every dictionary word found in the text (what jieba's
  search mode emits, without its slower DAG pass); in queries jieba's `cut_for_search`. They never
  decide whether a document matches, only how high it ranks.
- Latin letters and digits give lower-case alphanumeric tokens: case numbers, amounts, years.

jieba's dictionary is loaded once per process (about a second), lazily, with its cache file in the
instance folder.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_ALNUM = re.compile(r"[a-z0-9]+")
_TOKEN_RUN = re.compile(f"[{CJK}]+|[a-z0-9]+")
# Resident ID numbers (18 characters) and mainland mobile numbers, also when written with spaces or
# dashes between groups. Replaced by spaces of the same length so positions stay aligned.
_PERSONAL = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9x]|[0-9]{15}|1[3-9][0-9](?:[ -]?[0-9]{4}){2})(?![0-9])")

MAX_QUERY_LENGTH = 100
MAX_WORD = 7  # longest dictionary word indexed (人民调解委员会)

_jieba_lock = threading.Lock()
_jieba = None
_cache_dir: Path | None = None


def configure(cache_dir: str | Path) -> None:
    """Where jieba keeps its dictionary cache (the instance folder). Loads nothing."""
    global _cache_dir
    _cache_dir = Path(cache_dir)


def _tokenizer():
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                if _cache_dir is not None:
                    _cache_dir.mkdir(parents=True, exist_ok=True)
                    tok.tmp_dir = str(_cache_dir)
                    tok.cache_file = "jieba.cache"
                tok.initialize()
                _jieba = tok
    return _jieba


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """NFKC, lower case, Traditional → Simplified. For index and queries, never for storage."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _converter().convert(text) if text else ""


def scrub(text: str) -> str:
    """Blank ID numbers and mobile numbers (expects folded text)."""
    return _PERSONAL.sub(lambda m: " " * len(m.group()), text)


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    grams = [run[i:i + 2] for i in range(len(run) - 1)]
    grams.append(run[-1])
    return grams


def tokens(text: str, words: bool = True) -> list[str]:
    """Index tokens of a text (duplicates kept: they carry term frequency)."""
    folded = scrub(fold(text))
    out: list[str] = []
    for m in _TOKEN_RUN.finditer(folded):
        run = m.group()
        if run[0].isascii():
            out.append(run)
        else:
            out.extend(_bigrams(run))
    if words:
        freq = _tokenizer().FREQ
        for m in _CJK_RUN.finditer(folded):
            run = m.group()
            for i in range(len(run) - 2):
                for n in range(3, min(MAX_WORD, len(run) - i) + 1):
                    if freq.get(run[i:i + n]):
                        out.append(run[i:i + n])
    return out


@dataclass
class ParsedQuery:
    """What a query string asks for, in index tokens.

    `terms` must all be present; each of `prefixes` (one-character CJK words) must begin some token;
    `boosts` only raise the rank; `phrases` are the folded words to highlight.
    """

    text: str
    terms: list[str] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    boosts: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.prefixes)


def parse_query(text: str) -> ParsedQuery:
    text = (text or "").strip()[:MAX_QUERY_LENGTH]
    folded = scrub(fold(text))
    q = ParsedQuery(text=text)
    for m in _TOKEN_RUN.finditer(folded):
        run = m.group()
        q.phrases.append(run)
        if run[0].isascii():
            _add(q.terms, run)
        elif len(run) == 1:
            _add(q.prefixes, run)
        else:
            for gram in _bigrams(run)[:-1]:
                _add(q.terms, gram)
            if len(run) >= 3:
                for w in _tokenizer().cut_for_search(run, HMM=False):
                    if len(w) >= 3:
                        _add(q.boosts, w)
    return q


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def warm_up() -> None:
    """Load jieba and OpenCC now (e.g. before timing), instead of on the first document."""
    _tokenizer()
    _converter()
