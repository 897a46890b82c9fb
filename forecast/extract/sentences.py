"""Indicator statements in running text: a noun, maybe a verb, a number with its unit.

Handles 达到/以上/超过/突破 (>=), 以内/以下/控制在 (<=), 左右/约 (about), 力争 (a flag),
年均增长 (per year), 分别 lists and 由A提高到B (a base and a target).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from forecast.extract.candidate import Candidate
from forecast.extract.numbers import Mention, find_mentions
from forecast.extract.years import YearMark, marks

SENTENCE_END = re.compile(r"[。！？；;!?]")
_CLAUSE = "，,：:。；;！？!?（）()"
_LEAD = re.compile(
    r"^(?:[、和及与并且，,\s“”\"]|其中|同时|以及|力争|争取|确保|预计|全年|累计|共|新|截至|到|至|在|由|从|比|较|使|让|"
    r"(?:19|20)\d\d\s*年(?:底|末)?(?:的)?|“?十[一二三四五六]五”?(?:末|期末|期间|时期|时)?|今年|去年|上年|过去一年|"
    r"一年来|过去五年|五年来|全市|全省|全区|全县|全国|我市|我省|我区|全社会|的)+")
_VERBS = (r"(?:年均|年平均|平均|累计|分别|比上年|同比|较上年|比(?:19|20)\d\d\s*年|比“?十[一二三四五]五”?末|"
          r"增长到|增加到|提高到|提升到|上升到|扩大到|下降到|降低到|减少到|缩小到|增至|升至|降至|降到|达到|达|突破|"
          r"超过|为|是|保持在|控制在|稳定在|保持|稳定|实现|完成|约|近|超|增长|增加|提高|提升|上升|扩大|下降|降低|"
          r"跨上|迈上|迈过|跃上|登上|逼近|接近|再次|首次|均|双双|预计|先后|提前|连续|始终|"
          r"减少|缩小|新增|净增|占比|以上|在|了|的|\s)+$")
_GROWTH = re.compile(r"(增长|增加|提高|提升|上升|扩大|下降|降低|减少|缩小|净增)(?!到|至)")
_TO = re.compile(r"^\s*(?:(?:19|20)\d\d年的?)?\s*(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|上升|调整|跃升|跃居|"
                 r"精简|缩短|压缩|压减)(?:到|至|为)(?:(?:19|20)\d\d年的?)?|^\s*(?:增至|升至|降至|降到)")
_CUT = re.compile(r".*(?:推动|促进|使|让|确保|实现|力争|争取|其中|目标是|主要预期目标是|预期目标)")
_GE = ("≥", ">", "不低于", "不少于", "至少", "超过", "高于", "大于", "超")
_LE = ("≤", "<", "不超过", "不高于", "低于", "小于")
MAX_NAME = 30
_TAIL = re.compile(r"(?:(?:由|从|自)?(?:(?:19|20)\d\d\s*年|“?十[一二三四五六]五”?(?:末|期末|时期)?)(?:的|底|末)?|由|从|自|"
                   r"(?:提高|提升|增加|增长|下降|降低|减少|扩大|缩小|上升|调整|跃升)(?:到|至|为))+$")


MAX_SENTENCE = 2000    #: longer runs without 。；！？ are cut (a real sentence: < 500 characters)
MAX_SEGMENT = 80       #: characters before a number searched for its name (a name: <= 30)


def split_sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a line; runs over MAX_SENTENCE characters are cut."""
    out, start = [], 0
    ends = [m.end() for m in SENTENCE_END.finditer(line)] + ([len(line)] if not line.endswith(tuple("。！？；;!?")) else [])
    for end in ends:
        while end - start > MAX_SENTENCE:
            out.append((start, start + MAX_SENTENCE))
            start += MAX_SENTENCE
        if end > start:
            out.append((start, end))
        start = end
    return out


def _clause_start(norm: str, lo: int, pos: int) -> int:
    """Start of the clause holding ``pos``; a bracket inside a name (三雕一彩一绣（牙雕、玉雕）人才) is kept."""
    i, lo = pos, max(lo, pos - MAX_SEGMENT)
    while i > lo:
        ch = norm[i - 1]
        if ch in "）)":
            j = max(norm.rfind("（", lo, i - 1), norm.rfind("(", lo, i - 1))
            if j > lo and i - j < 40:
                i = j
                continue
        if ch in _CLAUSE:
            break
        i -= 1
    return i


def noun_and_verb(segment: str) -> tuple[str, str]:
    """Split the text before a number into the indicator noun and the trailing verb phrase."""
    noun, verb = segment.strip(), ""
    while True:
        m = re.search(_VERBS, noun)
        tail = _TAIL.search(noun)
        if m and m.group(0):
            verb = m.group(0) + verb
            noun = noun[:m.start()]
        elif tail and tail.group(0):
            noun = noun[:tail.start()]
        else:
            break
    noun = _LEAD.sub("", noun)
    cut = _CUT.match(noun)
    if cut and len(noun) - cut.end() >= 2:
        noun = noun[cut.end():]
    noun = _LEAD.sub("", noun).strip("“”\"、，, ")
    if len(noun) > MAX_NAME:
        noun = noun[-MAX_NAME:]
    return noun, verb


def comparator(mention: Mention, verb: str, after: str, kind: str) -> str:
    """>=, <=, about or = from the words around the number (a printed range 3-5名 is =)."""
    if mention.post in ("左右", "上下") or mention.pre in ("约", "近") or re.search(r"逼近|接近|约$|近$", verb):
        return "about"           # 控制在3%左右 is about 3%
    if mention.pre in _LE or mention.post in ("以下", "以内", "之内") or "控制在" in verb or after.startswith("以内"):
        return "<="
    if mention.value_high is not None:
        return "="
    if mention.pre in _GE or mention.post in ("以上", "多", "余") or re.search(r"突破|超过|[跨迈跃登]上|迈过", verb) \
            or re.match(r"\s*(?:台阶|大关)", after):
        return ">="
    if kind == "target" and ("达到" in verb or "达" in verb or not verb.strip() or "增" in verb or "提" in verb):
        return ">="
    return ">=" if kind == "target" else "="


def split_list(noun: str, k: int) -> list[str] | None:
    """``城镇和农村居民人均可支配收入`` with k=2 → the two names of a 分别 list."""
    items = [x for x in re.split(r"[、和及与]", noun) if x]
    if len(items) != k:
        return None
    last = items[-1]
    out = []
    for it in items[:-1]:
        tail = last[len(it):] if len(it) < len(last) and len(it) <= 4 else ""
        for k in range(len(it), 1, -1):          # 基本养老保险、基本医疗保险参保率: the shared end 保险 …参保率
            at = last.find(it[-k:])
            if at > 0 and at + k < len(last) and len(it) > 4:
                tail = last[at + k:]
                break
        out.append(it + tail)
    return out + [last]


class _Context:
    """Year and name carried from one number to the next within a document."""

    def __init__(self, doc_year: int | None, ref_year: int | None, default_year: int | None):
        self.doc_year, self.ref_year = doc_year, ref_year
        self.section_year = default_year
        self.para_year: int | None = None
        self.queue: list[str] = []
        self.since: int | None = None


def _year_for(ms: list[YearMark], pos: int) -> int | None:
    """The last plain year marker ending before ``pos`` (``ms`` holds only plain markers, by end)."""
    i = bisect.bisect_right([m.end for m in ms], pos)
    return ms[i - 1].year if i else None


def _kind(year: int | None, ref_year: int | None, sentence: str, pos: int) -> str:
    if year is not None and ref_year is not None:
        return "target" if year > ref_year else "outcome"
    return "target" if re.search(r"目标|力争|争取|预期|到(?:19|20)\d\d年", sentence[:pos]) else "outcome"


def extract_line(line: str, norm: str, line_no: int, ctx: _Context, *, lost_dashes: bool = False) -> list[Candidate]:
    """Candidates in one line (a paragraph) of text."""
    out: list[Candidate] = []
    ms_line = marks(norm, ctx.doc_year, ctx.since)
    if len(norm) < 40 and "。" not in norm and ms_line:
        ctx.section_year = ms_line[-1].year
    ctx.para_year = None
    for s0, s1 in split_sentences(norm):
        out.extend(_sentence(line, norm, s0, s1, line_no, ctx, lost_dashes))
        all_ys = marks(norm[s0:s1], ctx.doc_year, ctx.since)
        starts = [m for m in all_ys if m.since]
        if starts:
            ctx.since = starts[-1].year
        ys = [m for m in all_ys if not m.compare and not m.since]
        if ys:
            ctx.para_year = ys[-1].year
    return out


class _Sent:
    """What one number leaves for the next in the same sentence."""

    def __init__(self) -> None:
        self.prev_end, self.prev_noun, self.base_of, self.base_end = 0, "", None, 0
        self.queue: list[str] = []
        self.history: list[str] = []   # nouns of the numbers so far, for a 分别 that refers back


def _sentence(line: str, norm: str, s0: int, s1: int, line_no: int, ctx: _Context,
              lost_dashes: bool) -> list[Candidate]:
    sent = norm[s0:s1]
    starts = [m for m in marks(sent, ctx.doc_year) if m.since]
    if starts:
        ctx.since = starts[0].year
    ms = marks(sent, ctx.doc_year, ctx.since)
    plain = sorted((m for m in ms if not m.compare and not m.since), key=lambda m: m.end)
    mentions = [m for m in find_mentions(sent, lost_dashes=lost_dashes) if not _SIZE_CLASS.match(sent, m.end)
                or not (m.post == "以上" and m.unit.endswith("元"))]   # 投资50亿元以上工业项目: part of a name
    strive_at = [m.start() for m in re.finditer(r"力争|争取", sent)]
    st, out = _Sent(), []
    for i, mn in enumerate(mentions):
        lo = max(_clause_start(sent, 0, mn.start), st.prev_end)
        name, noun, verb = _name(sent, mentions, i, lo, st)
        st.prev_end = mn.end
        if not name or not _keep(noun or name, mn) or _not_indicator(sent, lo, mn, noun or name):
            continue
        year = _year_for(plain, mn.start) or ctx.para_year or ctx.section_year
        kind = _kind(year, ctx.ref_year, sent, mn.start)
        if (st.base_of is None or st.base_end < lo) and re.search(r"(由|从)[^，,；;]{0,12}$", sent[lo:mn.start]) and _TO.match(sent[mn.end:]):
            kind, st.base_of, st.base_end = "base", name, mn.end
            ys = [m for m in ms if m.pos >= lo and m.end <= mn.start]
            year = ys[-1].year if ys else (year - 5 if year else None)
        comp = comparator(_list_post(sent, mn), verb, sent[mn.end:mn.end + 6], kind)
        head = sent[lo:mn.start]
        out.append(Candidate(name, mn.unit, mn.value, comp, year, kind, "年均" in head or "每年" in head,
                             line[s0:s1].strip(), line_no, mn.value_high, any(p < mn.start for p in strive_at),
                             mn.bracketed or bool(re.search(r"累计|五年|期间", head)), "text"))
    return out


_SIZE_CLASS = re.compile(r"的?[\u4e00-\u9fff]{0,6}?(?:项目|企业|工程|产业|集群|园区|景区|基地)")
_LIST_TAIL = re.compile(r"(?:[、和及与]\s*[\d.,]+[^\d、和及与，,；;。]{0,4}?)+(以上|以内|以下|左右)")


def _list_post(sent: str, mn: Mention) -> Mention:
    """A qualifier printed once after a list (分别达90%、98%以上) holds for every item of it."""
    if mn.post or mn.pre:
        return mn
    m = _LIST_TAIL.match(sent, mn.end)
    return replace(mn, post=m.group(1)) if m else mn


def _name(sent: str, mentions: list[Mention], i: int, lo: int, st: _Sent) -> tuple[str, str, str]:
    """(name, noun, verb) of the i-th number: 分别 lists, a noun carried from the number before,
    or the noun after a counted number (引进50名高层次人才)."""
    mn = mentions[i]
    noun, verb = noun_and_verb(sent[lo:mn.start])
    noun = _list_item(sent[lo:mn.start], noun, st.prev_noun)
    growth = _GROWTH.search(verb)
    suffix = growth.group(1) if growth and (mn.unit in ("%", "个百分点", "百分点", "倍", "‰") or (
        growth.group(1) in ("增加", "减少") and "新增" not in noun)) else ""
    if suffix and re.search(r"年均|年平均", verb):
        suffix = "年均" + suffix
    if "分别" in verb:
        rest = [x for x in mentions[i:] if x.start < _next_clause(sent, mn.start)]
        names = split_list(noun, len(rest)) if noun else None
        if not noun and len(st.history) >= len(rest):
            names = st.history[-len(rest):]
        st.queue = [n + suffix for n in (names or [noun or st.prev_noun] * len(rest))]
    if st.queue and (not noun or "分别" in verb):
        name = st.queue.pop(0)
        st.prev_noun = _GROWTH.sub("", name)
        return name, noun, verb
    post = post_noun(sent, mn.end)
    if post and mn.unit in ("万", "亿") and (not noun or _ACT.search(noun)):
        noun = post
    elif not noun and st.prev_noun and (growth or not re.search(r"[，,；;]", sent[st.prev_end:mn.start])
                                      or re.fullmatch(r"(?:达到|达|增加到|提高到|增至)", verb)):
        noun = st.prev_noun
    elif noun in _GENERIC and st.prev_noun:
        noun = _GROWTH.sub("", st.prev_noun) + noun            # 地区生产总值增长3.8%，总量突破4万亿元
    if post and mn.unit in _COUNTERS:
        noun = post
    st.prev_noun = noun
    if noun and (not st.history or st.history[-1] != noun):
        st.history.append(noun)
    return (noun + suffix if noun else ""), noun, verb


_STAGES = ("开工", "投产", "竣工", "建成", "开业", "签约", "落地", "完工", "运营", "开通", "启动")


def _list_item(segment: str, noun: str, prev: str) -> str:
    """A short item after 、 takes the head of the item before it: 国家科技进步奖特等奖4项、一等奖6项 →
    国家科技进步奖一等奖; 工业项目开工8个、投产2个 → 工业项目投产."""
    k = len(noun)
    if not segment.startswith("、") or not prev or not 2 <= k <= 3 or len(prev) <= k + 1:
        return noun
    if prev[-1] == noun[-1] or (noun in _STAGES and prev[-k:] in _STAGES):
        return prev[:-k] + noun
    return noun


def _next_clause(sent: str, pos: int) -> int:
    m = re.search(r"[，,；;。]", sent[pos:])
    return pos + m.start() if m else len(sent)


_COUNTERS = ("名", "位", "人", "万人", "万名", "个", "家", "所", "项", "套", "户", "座", "件", "万件", "处", "条",
             "万户", "万个", "万家", "万套", "人次", "万人次")
_ACT = re.compile(r"(引进|培养|培育|支持|资助|打造|建成|建设|新建|新增|拿出|聘请|选拔|认定|都有|有|包括|评定|吸引|集聚|"
                  r"聚集|招收|招聘|设立|组建|创建|遴选|扶持|奖励|授予|培训|提供|开展|举办|实施|已有|共有|拥有|培训|"
                  r"引育|招引|吸纳|推荐|命名|建立|新增|认定|入选|落户|转化|服务|帮扶|带动|安置|解决|建)(?:了)?$")
_GENERIC = ("总量", "总额", "规模", "比重", "占比", "增速", "增幅", "总数", "数量")
_POST_STOP = re.compile(r"[，,。；;、（(：:\d“”]|[和及与](?=[\d一二三四五六七八九十])|[一二三四五六七八九十百千]+[名位个家所项]")


_NOT_POST = re.compile(r"^(?:以上|以下|左右|多|余|次|年|是|为|等|的|增|提|降|减|扩|缩|上升|下降|到|至|分别|在|和|及|与|以|"
                       r"比|较|同比|投产|开工|达|占|居|位|实现|完成|超|突破|翻|其中|均|共|累计|全部|已|正|被|由|从|"
                       r"建成|通车|运营|开通|获|入选|落户|参加|参与|受益|覆盖)")


def post_noun(sent: str, end: int) -> str:
    """The noun after a counted number: 引进50名[高层次创新创业人才]."""
    rest = sent[end:end + 50]
    code = _CODE.match(rest)                # 5A级, 500强, 5G: a digit inside a name, not a number
    if code:
        return (code.group(0) + post_noun(sent, end + code.end()))[:MAX_NAME] if code.end() < len(rest) else ""
    wide = re.search(r"[，,。；;（(：:\d“”]|[和及与](?=[\d一二三四五六七八九十])", rest)
    phrase = rest[:wide.start()] if wide else rest
    if "的" in phrase[:-2]:                 # 500名能够突破关键技术、……的[高层次创新型人才]
        noun = phrase[phrase.rindex("的") + 1:]
    else:
        m = _POST_STOP.search(rest)
        noun = rest[:m.start()] if m else rest
    noun = re.sub(r"^(?:的|之|名|个)", "", noun).strip()
    if len(noun) < 2 or _NOT_POST.match(noun):
        return ""
    return noun[:MAX_NAME]


_CODE = re.compile(r"\d+(?:[A-Za-z]+级?|强)(?:以上)?")


_SKIP_UNITS = ("年", "天", "岁", "小时", "个月", "次", "批", "篇", "部", "支", "本", "册", "门")
_NAME_FOR_TIME = re.compile(r"年限|寿命|时间|周期|天数|工作日|时限|年龄")


def _keep(noun: str, mn: Mention) -> bool:
    """A number is an indicator value when its noun is a real name and its unit a quantity."""
    if len(noun) < 2 or re.fullmatch(r"[\d.%\s\W]+", noun):
        return False
    if mn.unit in _SKIP_UNITS and not _NAME_FOR_TIME.search(noun):
        return False
    if not mn.unit and not mn.bracketed and not mn.pre and not noun.endswith("指数"):
        return False            # a bare number counts only as an index value (居民消费价格指数103左右)
    return True


_POLICY = re.compile(r"(出台|制定|印发|推出|实施|发布)[^，,；;。]{0,20}$")
_POLICY_LIST = re.compile(r"(出台|制定|印发|推出|发布)[^，,；;。]*、")
_POLICY_ITEM = re.compile(r"(制度创新|政策|措施|举措|制度|规章|法规|文件)")
_VERSUS = re.compile(r"(高于|低于|快于|慢于|好于|优于|领先|超出)(全国|全省|全市|全区|平均|同期|预期)|"
                     r"比(全国|全省|全市|平均)[^，,；;。]{0,6}(高|低|快|慢|多|少)")


def _not_indicator(sent: str, lo: int, mn: Mention, noun: str) -> bool:
    """Counts of policies (出台稳外贸9条措施), of indicators (21个主要指标), and gaps to another region
    (比全国高1.5个百分点, 高于全省平均水平1.8个百分点) are not indicator values."""
    head, after = sent[lo:mn.start], sent[mn.end:mn.end + 6]
    clause = sent[_clause_start(sent, 0, mn.start):mn.start]
    if mn.unit in ("条", "项", "个") and (_POLICY.search(head) or re.match(r"\s*等?(措施|政策|意见|举措|办法)", after)
                                        or (mn.unit == "条" and (after.startswith("”") or _POLICY_LIST.search(clause)))):
        return True
    if mn.unit in ("项", "条", "个", "件") and _POLICY_ITEM.match(post_noun(sent, mn.end) or "-"):
        return True
    if mn.unit == "位" and (re.search(r"位次|排名|排位|名次|前进|后退", clause) or re.match(r"\s*[至到]第", after)):
        return True
    if noun.endswith("指标") and mn.unit in ("个", "项"):
        return True
    return bool(_VERSUS.search(sent[max(0, mn.start - 16):mn.start]))


__all__ = ["split_sentences", "noun_and_verb", "comparator", "split_list", "extract_line", "MAX_NAME"]
