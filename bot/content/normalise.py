"""Turn what a person typed into the canonical form used to match exercise names.

People write "Show me the calf raises please!", "heel raise", "elevación de talones" or
"подъёмы на носки"; the catalogue says "Calf raises". Both sides go through :func:`normalise`,
so the fuzzy matcher compares like with like: lower case, accents and other marks dropped
("ó" -> "o", "ç" -> "c", "ё" -> "е"), no punctuation, no polite filler in any of the bot's
languages, and English words reduced to a rough singular.
"""

from __future__ import annotations

import re
import unicodedata

FILLER_WORDS: frozenset[str] = frozenset(
    {
        "the", "a", "an", "one", "ones", "exercise", "exercises", "please", "pls", "show", "me",
        "how", "to", "do", "does", "i", "my", "can", "you", "give", "what", "is", "for", "with",
        "some", "about", "want", "tell", "that", "this", "again",
        # Spanish and Portuguese (written without accents: marks are dropped first)
        "el", "la", "los", "las", "un", "una", "de", "del", "da", "das", "dos", "o", "os",
        "as", "e", "y", "en", "em", "no", "na", "nos", "con", "com", "para", "por", "favor",
        "ejercicio", "ejercicios", "exercicio", "exercicios", "como", "hacer", "fazer", "muestrame",
        "mostrar", "quiero", "quero", "mi", "meu", "minha", "gracias", "obrigado", "obrigada",
        "hola", "ola", "oi", "vale", "valeu", "bueno",
        # Russian (with "ё" already "е" and "й" already "и")
        "на", "в", "во", "с", "со", "и", "для", "по", "упражнение", "упражнения", "упражнении",
        "покажи", "пожалуиста", "как", "делать", "хочу", "мне", "мои", "моя", "спасибо",
        "привет", "здравствуите", "хорошо", "ладно",
    }
)  # fmt: skip
"""Words that carry no hint of which exercise is meant, in every language the bot speaks.

Thanks and greetings of the other languages are here too: "obrigado" is one letter from
"dobrado" (bent), and a person saying thank you must never be offered an exercise.

"to" is among them, so "heel to toe" and "heel toe" normalise alike; "de", "на" and the like
play the same part in the other languages. The catalogue's own names pass through the same
filter, which keeps both sides consistent.
"""

_IRREGULAR: dict[str, str] = {"feet": "foot", "calves": "calf", "tiptoes": "tiptoe"}
_APOSTROPHES = re.compile(r"['’`]")
_NON_WORD = re.compile(r"[\W_]+")
_ASCII = re.compile(r"^[a-z0-9]+$")


def singular(word: str) -> str:
    """Reduce an English plural to a rough singular; only needs to be consistent, not correct.

    Words in other alphabets are left alone, and the fuzzy matcher forgives their endings.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if not _ASCII.match(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def strip_marks(text: str) -> str:
    """Drop accents and other combining marks: "elevación" -> "elevacion", "ё" -> "е".

    People type with and without them (a phone keyboard may not offer "ё"); dropping them on
    both sides makes the two spellings one.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise(text: str) -> str:
    """Lowercase, drop marks, punctuation and filler words, singularise; may return ``""``."""
    plain = strip_marks(_APOSTROPHES.sub("", text.casefold()))
    words = _NON_WORD.sub(" ", plain).split()
    return " ".join(singular(word) for word in words if word not in FILLER_WORDS)
