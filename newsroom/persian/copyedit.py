"""«ویرایش خودکار نگارش»: the fixes a newsroom's copy desk makes by hand, as rules.

Each rule is one line in RULES with a test of its own. The rules see only Persian text:
HTML tags, entities, URLs, e-mail addresses and runs of Latin text (with their numbers:
«ISO 3632», «PM2.5») pass through untouched.

Joining with a half-space (ZWNJ) is where a careless fixer does harm, so every join is
narrow: «می»/«نمی» only before a known verb form, plural «ها» only after a stem of three
letters or more (never «تنها»), «‌ای»/«‌ام» after silent «ه» only where the text itself
uses the word without it, and a list of words that must never be touched.
"""

import difflib
import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsroom.persian.text import ZWNJ, to_persian_digits

# Arabic-script letters and their marks; not digits, not ، ؛ ؟ or other punctuation.
P = "\u0621-\u065f\u0670-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
WORD = rf"[{P}]+"
# Letters that do not join the next one: after them Persian writes «ها» glued, no ZWNJ.
NON_JOINING = set("اآأإدذرزژوؤ")

# Never changed, whatever a rule would say: words that only look like a prefix + stem.
UNTOUCHABLE = frozenset(
    """میدان میدانی میزان میز میراث میلیون میلیارد میان میانه میانگین میوه میهمان میکروب
    میخ میش میرزا میگو میل میلاد مینا میتینگ میهن تنها تنهایی تنهای رها رهایی بها نهایی
    نهایت گواهی""".split()
)

PRESENT_STEMS = """کن شو ده گیر رو آی خواه دان گوی رس ساز یاب بین نویس مان گرد کش زن
    پذیر خور بر آور گذار دار گذر افت افزای پرداز نشین خوان فرست شناس کوش بخش پرس
    اندیش کار سوز ریز بند گشای نما آموز کاه جوی""".split()
PAST_STEMS = """کرد شد داد گرفت رفت آمد خواست توانست دانست گفت رسید ساخت یافت دید نوشت
    ماند گشت کشید زد پذیرفت خورد برد آورد گذاشت داشت گذشت افتاد افزود پرداخت نشست
    خواند فرستاد شناخت کوشید بخشید پرسید اندیشید کاشت سوخت ریخت بست گشود نمود آموخت
    کاست جست""".split()
PRESENT_ENDINGS = "م|ی|د|یم|ید|ند"
PAST_ENDINGS = "م|ی|یم|ید|ند"
VERB = (
    rf"(?:(?:{'|'.join(PRESENT_STEMS)})(?:{PRESENT_ENDINGS})"
    rf"|(?:{'|'.join(PAST_STEMS)})(?:{PAST_ENDINGS})?|توان)"
)

# Compounds Persian writes with a half-space, as they lose it: typed apart or glued.
FIXED = {
    "به عنوان": "به‌عنوان",
    "بهعنوان": "به‌عنوان",
    "بین المللی": "بین‌المللی",
    "بینالمللی": "بین‌المللی",
    "مادام العمر": "مادام‌العمر",
    "مادامالعمر": "مادام‌العمر",
    "بهره گیری": "بهره‌گیری",
    "بهرهگیری": "بهره‌گیری",
    "برنامه ریزی": "برنامه‌ریزی",
    "برنامهریزی": "برنامه‌ریزی",
    "علیرغم": "علی‌رغم",
    "علی رغم": "علی‌رغم",
    "درحالیکه": "درحالی‌که",
    "در حالیکه": "در حالی‌که",
    "اینکه": "این‌که",
    "آنکه": "آن‌که",
    "چنان که": "چنان‌که",
    "همان طور": "همان‌طور",
    "همانطور": "همان‌طور",
    "هیچ کدام": "هیچ‌کدام",
    "هیچکدام": "هیچ‌کدام",
    "پیش بینی": "پیش‌بینی",
    "پیشبینی": "پیش‌بینی",
    "مردم نهاد": "مردم‌نهاد",
    "مردمنهاد": "مردم‌نهاد",
    "به زودی": "به‌زودی",
    "بزودی": "به‌زودی",
    "به ویژه": "به‌ویژه",
    "بویژه": "به‌ویژه",
    "به طور": "به‌طور",
    "بطور": "به‌طور",
}
# Words that lost their hamza («تاکید» for «تأکید»), with whatever follows them (تأکیدات).
HAMZA = {
    "تاکید": "تأکید",
    "تاثیر": "تأثیر",
    "تامین": "تأمین",
    "تاسیس": "تأسیس",
    "تاخیر": "تأخیر",
    "تایید": "تأیید",
    "تالیف": "تألیف",
    "تاسف": "تأسف",
    "تامل": "تأمل",
    "تاهل": "تأهل",
    "ماموریت": "مأموریت",
    "مامور": "مأمور",
    "ماخذ": "مأخذ",
    "مایوس": "مأیوس",
    "مساله": "مسئله",
}
# «کننده» makes one word with what comes before it (مصرف‌کننده، امیدوارکننده), unless that
# is a little word of its own.
AGENT = "کنندگان|کننده"
NOT_A_STEM = frozenset("و که را از به با در بر تا این آن هر یک چه".split())
# A number glued to its unit («یکماه»): always two words. Only the exact pair is touched,
# never «یکسان», «یکشنبه» or «دوره».
NUMBERS = "یک|دو|سه|چهار|پنج|شش|هفت|هشت|ده"
UNITS = "ماه|سال|روز|هفته|ساعت|دقیقه"
PLURAL = "هایشان|هایتان|هایمان|هایش|هایت|هایم|هایی|های|ها"
SILENT_H_SUFFIX = "ایم|اید|اند|ام|ای"
ARABIC_LETTERS = {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه"}


def _joined(word: str, suffix: str) -> str:
    """`word` and its suffix as Persian writes them: a ZWNJ after a joining letter."""
    return word + (suffix if word[-1] in NON_JOINING else ZWNJ + suffix)


def fix_arabic_letters(text: str, words: set[str]) -> str:
    return re.sub("[يىكة]", lambda m: ARABIC_LETTERS[m.group()], text)


def fix_fixed_expressions(text: str, words: set[str]) -> str:
    for wrong, right in FIXED.items():
        text = re.sub(rf"(?<![{P}]){wrong}(?![{P}])", right, text)
    return text


def fix_hamza(text: str, words: set[str]) -> str:
    """«تاکید» → «تأکید», «مساله» → «مسئله»."""
    return re.sub(rf"(?<![{P}])({'|'.join(HAMZA)})", lambda m: HAMZA[m.group()], text)


def fix_agent(text: str, words: set[str]) -> str:
    """«مصرف کننده» → «مصرف‌کننده», «امیدوار کننده» → «امیدوارکننده»."""

    def join(match: re.Match) -> str:
        if match.group(1) in NOT_A_STEM:
            return match.group()
        return _joined(match.group(1), match.group(2))

    return re.sub(rf"(?<![{P}])({WORD}) ({AGENT})(?![{P}])", join, text)


def fix_number_and_unit(text: str, words: set[str]) -> str:
    """«یکماه» → «یک ماه», «دوسال» → «دو سال»."""
    return re.sub(rf"(?<![{P}])({NUMBERS})({UNITS})(?![{P}])", r"\1 \2", text)


def fix_mi_prefix(text: str, words: set[str]) -> str:
    """«می کند», «میکند» → «می‌کند»; «نمی شود» → «نمی‌شود». Only before a verb form."""

    def join(match: re.Match) -> str:
        whole = match.group()
        if whole.replace(" ", "") in UNTOUCHABLE:
            return whole
        return match.group(1) + ZWNJ + match.group(2)

    return re.sub(rf"(?<![{P}])(ن?می)(?: |)({VERB})(?![{P}])", join, text)


def fix_plural(text: str, words: set[str]) -> str:
    """«سازمان های» → «سازمان‌های», «سیاستهای» → «سیاست‌های»; «شهر ها» → «شهرها»."""

    def spaced(match: re.Match) -> str:
        return _joined(match.group(1), match.group(2))

    text = re.sub(rf"(?<![{P}])({WORD}) ({PLURAL})(?![{P}])", spaced, text)

    def glued(match: re.Match) -> str:
        word, stem, suffix = match.group(), match.group(1), match.group(2)
        if word in UNTOUCHABLE or stem[-1] in NON_JOINING:
            return word
        # «شبکهای»: «شبکه» + «ای» when the text knows «شبکه», not «شبک» + «های».
        if suffix.startswith("ه") and stem + "ه" in words and suffix[1:] in {"ای", "ام"}:
            return stem + "ه" + ZWNJ + suffix[1:]
        return stem + ZWNJ + suffix

    return re.sub(rf"(?<![{P}])([{P}]{{3,}}?)({PLURAL})(?![{P}{ZWNJ}])", glued, text)


def fix_comparative(text: str, words: set[str]) -> str:
    """«بزرگ تر» → «بزرگ‌تر», «بزرگ ترین» → «بزرگ‌ترین» (not «تر و تازه»)."""
    return re.sub(
        rf"(?<![{P}])({WORD}) (ترین|تر)(?![{P}])(?! و )",
        lambda m: _joined(m.group(1), m.group(2)),
        text,
    )


def fix_silent_h(text: str, words: set[str]) -> str:
    """«نامه ای» → «نامه‌ای», «رفته اند» → «رفته‌اند»; glued «شبکهای» where «شبکه» is known."""
    # Three letters at least: «به ای», «که ای» are two words, never «به‌ای».
    text = re.sub(
        rf"(?<![{P}])([{P}]{{2,}}ه) ({SILENT_H_SUFFIX})(?![{P}])",
        lambda m: m.group(1) + ZWNJ + m.group(2),
        text,
    )

    def glued(match: re.Match) -> str:
        stem, suffix = match.group(1), match.group(2)
        if match.group() in UNTOUCHABLE or stem not in words:
            return match.group()
        # «روزهای», «کارهای»: after a letter that does not join, glued «های» is a plural
        # written right; reading it as «روزه‌ای» would break it.
        if stem[-2] in NON_JOINING:
            return match.group()
        return stem + ZWNJ + suffix

    return re.sub(rf"(?<![{P}{ZWNJ}])([{P}]{{2,}}ه)({SILENT_H_SUFFIX})(?![{P}])", glued, text)


def fix_quotes(text: str, words: set[str]) -> str:
    """Straight double quotes around Persian text become «guillemets»."""
    return re.sub(r'"\s*([^"\n]*?[' + P + r'][^"\n]*?)\s*"', r"«\1»", text)


def fix_punctuation(text: str, words: set[str]) -> str:
    """Persian comma, semicolon and question mark; no space before ، ؛ : . ! ؟ and one after."""
    text = re.sub(rf"(?<=[{P}]) ?, ?(?=[{P}])", "، ", text)
    text = re.sub(rf"(?<=[{P}]) ?; ?", "؛ ", text)
    text = re.sub(rf"(?<=[{P}]) ?\?", "؟", text)
    text = re.sub(r"[ \t]+([،؛:!؟»)]|\.(?!\.))", r"\1", text)  # «و ...» keeps its space
    # One space after, unless a digit follows (۱۰:۳۰, ۲.۵) or the line ends.
    text = re.sub(r"([،؛!؟])(?=[^\s\d۰-۹»)،؛.!؟])", r"\1 ", text)
    text = re.sub(rf"([:.])(?=[{P}])", r"\1 ", text)
    text = re.sub(r"([«(])[ \t]+", r"\1", text)
    # A space before an opening guillemet and after a closing one, between words.
    text = re.sub(rf"(?<=[{P}\w])«", " «", text)
    return re.sub(rf"»(?=[{P}\w])", "» ", text)


def fix_digits(text: str, words: set[str]) -> str:
    """Latin and Arabic-Indic digits in Persian running text become Persian digits."""
    text = re.sub(r"(?<=\d)\.(?=\d)", "٫", text)
    return to_persian_digits(text)


def fix_spaces(text: str, words: set[str]) -> str:
    """Doubled spaces become one; a space beside a ZWNJ goes."""
    text = re.sub(rf" *{ZWNJ}+ *", ZWNJ, text)
    return re.sub(r"[ \t\u00a0]{2,}", " ", text)


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[str, set[str]], str]


# In this order: letters first (later rules match Persian letters), spaces last.
RULES = [
    Rule("حروف عربی ← فارسی", fix_arabic_letters),
    Rule("ترکیب‌های ثابت با نیم‌فاصله", fix_fixed_expressions),
    Rule("همزه («تأکید»، «مسئله»)", fix_hamza),
    Rule("«کننده» چسبیده به واژه پیش از آن", fix_agent),
    Rule("فاصله میان عدد و واحد («یک ماه»)", fix_number_and_unit),
    Rule("نیم‌فاصله پس از «می» و «نمی»", fix_mi_prefix),
    Rule("نیم‌فاصله پیش از «ها» و «های»", fix_plural),
    Rule("نیم‌فاصله پیش از «تر» و «ترین»", fix_comparative),
    Rule("نیم‌فاصله پس از «ه» ناملفوظ", fix_silent_h),
    Rule("گیومه فارسی", fix_quotes),
    Rule("نشانه‌گذاری و فاصله‌ها", fix_punctuation),
    Rule("رقم فارسی", fix_digits),
    Rule("فاصله‌های اضافه", fix_spaces),
]

# Left alone: URLs, e-mail addresses, HTML entities, and Latin text with its numbers.
PROTECTED = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|&#?\w+;"
    r"|[A-Za-z][\w.\-/&+]*(?:[ \t]+(?:[A-Za-z\d][\w.\-/&+]*))*"
)
_TAGS = re.compile(r"(<[^>]*>)")


def fix(text: str, words: set[str] | None = None) -> str:
    """`text` copy-edited; Latin runs, URLs and entities kept exactly as they were."""
    if not text:
        return text
    if words is None:
        words = set(re.findall(WORD, text))
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group())
        return f"\ue000{len(kept) - 1}\ue001"

    text = PROTECTED.sub(keep, text)
    for rule in RULES:
        text = rule.apply(text, words)
    return re.sub(
        "\ue000([۰-۹0-9]+)\ue001",
        lambda m: kept[int(m.group(1).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))],
        text,
    )


def fix_html(html: str) -> str:
    """The text between the tags copy-edited; the tags themselves untouched."""
    if not html:
        return html
    parts = _TAGS.split(html)
    words = set(re.findall(WORD, "".join(parts[::2])))
    return "".join(part if index % 2 else fix(part, words) for index, part in enumerate(parts))


# Suggestions, one by one: what the copy-editor would change, for a person to accept or
# reject each change before it goes into the text.

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|tr|div)\s*>|<br\s*/?>", re.I)


@dataclass(frozen=True)
class Change:
    """One suggestion: `before` becomes `after` (as stored: text, or HTML source)."""

    id: str
    before: str
    after: str

    @property
    def shown_before(self) -> str:
        return _readable(self.before)

    @property
    def shown_after(self) -> str:
        return _readable(self.after)

    @property
    def spacing_only(self) -> bool:
        """Only spaces change («ادامه داد:  اکنون»): nothing to see without saying so."""
        return self.before.strip() == self.after.strip() == "" or (
            _readable(self.before).split() == _readable(self.after).split()
        )


@dataclass(frozen=True)
class Suggestions:
    """A field's text cut into what stays (strings) and what may change (Change)."""

    field: str
    parts: tuple[str | Change, ...]

    @property
    def changes(self) -> list[Change]:
        return [part for part in self.parts if isinstance(part, Change)]

    @property
    def original(self) -> str:
        return self.text()

    def text(self, accepted: Iterable[str] = ()) -> str:
        """The text with the accepted changes made and every other one left as it was."""
        accepted = set(accepted)
        return "".join(
            part if isinstance(part, str) else part.after if part.id in accepted else part.before
            for part in self.parts
        )

    def shown(self) -> list[str | Change]:
        """The parts as a person reads them: tags gone, a line break after each block,
        entities as the characters they stand for (never a literal «&nbsp;»)."""
        shown: list[str | Change] = []
        at_line_start = True  # one line break between blocks, however the source is laid out
        for part in self.parts:
            if isinstance(part, Change):
                shown.append(part)
                at_line_start = False
            elif part.startswith("<") or ("\n" in part and not part.strip()):
                if _BLOCK_END.fullmatch(part) and not at_line_start:
                    shown.append("\n")
                    at_line_start = True
            else:
                shown.append(_readable(part))
                at_line_start = at_line_start and not part.strip()
        while shown and isinstance(shown[-1], str) and not shown[-1].strip():
            shown.pop()  # no empty lines after the last paragraph
        return shown


def _readable(source: str) -> str:
    return html.unescape(source).replace("\u00a0", " ")


def suggest(field: str, text: str, *, is_html: bool = False) -> Suggestions:
    """What the copy-editor would change in `text`, change by change (see `fix`, `fix_html`)."""
    text = text or ""
    if not is_html:
        return Suggestions(field, tuple(_word_changes(field, text, fix(text), itertools.count(1))))
    pieces = _TAGS.split(text)
    words = set(re.findall(WORD, "".join(pieces[::2])))
    numbers = itertools.count(1)
    parts: list[str | Change] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            parts.append(piece)
        else:
            parts.extend(_word_changes(field, piece, fix(piece, words), numbers))
    return Suggestions(field, tuple(part for part in parts if part != ""))


_PUNCTUATION = re.compile(r"[،؛:.!؟,;?«»\"()]")


def _punctuation_moved(before: str, after: str) -> bool:
    """The change gains or loses punctuation: some went to, or came from, its neighbour."""
    return len(_PUNCTUATION.findall(before)) != len(_PUNCTUATION.findall(after))


def _word_changes(field: str, old: str, new: str, numbers: Iterator[int]) -> list[str | Change]:
    """`old` → `new` as whole words: each change the characters show, widened to the words
    it touches; changes that meet are one («گفت :اکنون» → «گفت: اکنون»)."""
    if old == new:
        return [old]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    hunks: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        # Out to the spaces around the word; what lies between two changes is the same on
        # both sides, so both sides widen by the same count.
        floor = hunks[-1][1] if hunks else 0
        while i1 > floor and not old[i1 - 1].isspace():
            i1, j1 = i1 - 1, j1 - 1
        if hunks and i1 <= hunks[-1][1]:
            i1, j1 = hunks[-1][0], hunks[-1][2]
            hunks.pop()
        hunks.append([i1, i2, j1, j2])
        hunk = hunks[-1]
        while hunk[1] < len(old) and hunk[3] < len(new) and not old[hunk[1]].isspace():
            if old[hunk[1]] != new[hunk[3]]:
                break
            hunk[1], hunk[3] = hunk[1] + 1, hunk[3] + 1
    # Punctuation that moves over a space («سلام ,خوبی» → «سلام، خوبی»: one side gains it,
    # the other loses it) makes the changes on either side one: taken apart they would leave
    # «سلام، ,خوبی».
    joined: list[list[int]] = []
    for hunk in hunks:
        if joined and not old[joined[-1][1] : hunk[0]].strip():
            last = joined[-1]
            if _punctuation_moved(old[last[0] : last[1]], new[last[2] : last[3]]) and (
                _punctuation_moved(old[hunk[0] : hunk[1]], new[hunk[2] : hunk[3]])
            ):
                last[1], last[3] = hunk[1], hunk[3]
                continue
        joined.append(hunk)
    parts: list[str | Change] = []
    done = 0
    for i1, i2, j1, j2 in joined:
        parts.append(old[done:i1])
        parts.append(Change(f"{field}-{next(numbers)}", old[i1:i2], new[j1:j2]))
        done = i2
    parts.append(old[done:])
    return [part for part in parts if part != ""]
