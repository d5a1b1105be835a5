"""annals.tag and Timex: values, offsets, types, errors, pickling, threads."""
import concurrent.futures
import datetime
import json
import pickle
import subprocess
import threading
import time

import pytest

import annals
from conftest import SEED

D = datetime.date


def test_seed_article_values(seed):
    dct, text, _ = seed
    got = [(t.text, t.type, t.value, t.mod, t.interval) for t in annals.tag(text, dct)]
    assert got == [
        ("November 17, 2012", "DATE", "2012-11-17", None, (D(2012, 11, 17), D(2012, 11, 17))),
        ("Wednesday", "DATE", "2013-01-30", None, (D(2013, 1, 30), D(2013, 1, 30))),
        ("this week", "DATE", "2013-W05", None, (D(2013, 1, 28), D(2013, 2, 3))),
        ("three weeks ago", "DATE", "2013-W02", None, (D(2013, 1, 7), D(2013, 1, 13))),
        ("22-month-old", "DURATION", "P22M", None, None),
        ("March 2011", "DATE", "2011-03", None, (D(2011, 3, 1), D(2011, 3, 31))),
        ("early January", "DATE", "2013-01", "START", (D(2013, 1, 1), D(2013, 1, 31))),
    ]
    for t in annals.tag(text, dct):
        assert text[t.begin:t.end] == t.text


def test_same_as_cli(seed, cli):
    """Python and `annals tag --format json` agree on every field."""
    dct, text, offset = seed
    out = subprocess.run([cli, "tag", "--format", "json", str(SEED)],
                         check=True, capture_output=True, text=True).stdout
    want = json.loads(out)["timexes"]
    got = []
    for t in annals.tag(text, dct):
        d = {"begin": t.byte_begin + offset, "end": t.byte_end + offset, "text": t.text,
             "type": t.type, "value": t.value}
        if t.mod:
            d["mod"] = t.mod
        if t.interval:
            d["first"], d["last"] = (x.isoformat() for x in t.interval)
        got.append(d)
    assert got == want


def test_dct_as_date_datetime_or_str():
    text = "He left on Friday."
    want = annals.tag(text, "2013-01-30")
    assert want[0].value == "2013-01-25"
    assert annals.tag(text, D(2013, 1, 30)) == want
    assert annals.tag(text, datetime.datetime(2013, 1, 30, 23, 59)) == want
    assert annals.tag(text=text, dct="2013-01-30", type="news") == want


def test_narrative_anchors_to_last_mentioned_date():
    text = "On March 3, 2011 the army moved in. On Friday it left."
    news = annals.tag(text, "2013-01-30", type="news")
    narrative = annals.tag(text, "2013-01-30", type="narrative")
    assert news[-1].value == "2013-01-25"
    assert narrative[-1].value == "2011-02-25"  # the Friday before, as the CLI says


def test_code_point_offsets_with_non_ascii_text():
    # 2-, 3- and 4-byte characters before, between and after expressions.
    text = "Café «Lundi» — on 5 March 2011 😀😀 and ☃ next week, né à Zürich"
    timexes = annals.tag(text, "2013-01-30")
    assert [t.text for t in timexes] == ["5 March 2011", "next week"]
    for t in timexes:
        assert text[t.begin:t.end] == t.text
        assert text.encode()[t.byte_begin:t.byte_end].decode() == t.text
    assert timexes[0].byte_begin > timexes[0].begin


def test_empty_and_timex_free_text():
    assert annals.tag("", "2013-01-30") == []
    assert annals.tag("No time here at all.", "2013-01-30") == []


def test_nul_and_control_characters_are_text():
    timexes = annals.tag("x\x00\x01 on Monday\x00", "2013-01-30")
    assert [(t.text, t.begin) for t in timexes] == [("Monday", 7)]


def test_timex_to_dict_is_json_ready():
    t = annals.tag("in early January", "2013-01-30")[0]
    d = t.to_dict()
    assert d == {"begin": 3, "end": 16, "text": "early January", "type": "DATE",
                 "value": "2013-01", "mod": "START", "first": "2013-01-01",
                 "last": "2013-01-31"}
    json.dumps(d)
    dur = annals.tag("a 22-month-old uprising", "2013-01-30")[0].to_dict()
    assert (dur["type"], dur["first"], dur["last"], dur["mod"]) == ("DURATION", None, None, None)


def test_timex_repr_and_equality():
    a = annals.tag("early January", "2013-01-30")[0]
    assert repr(a) == ("Timex(begin=0, end=13, text='early January', type='DATE', "
                       "value='2013-01', mod='START')")
    assert a == annals.tag("early January", "2013-01-30")[0]
    assert a != annals.tag("early January", "2014-01-30")[0]
    assert a != "early January"
    with pytest.raises(TypeError):
        hash(a)
    with pytest.raises(AttributeError):
        a.value = "x"


def test_pickle_round_trip():
    timexes = annals.tag("Café, on Monday, for 3 years, every week", "2013-01-30")
    assert len(timexes) == 3
    back = pickle.loads(pickle.dumps(timexes))
    assert back == timexes
    assert [t.to_dict() for t in back] == [t.to_dict() for t in timexes]


def test_damaged_pickle_state_is_value_error():
    t = annals.tag("on Monday", "2013-01-30")[0]
    state = t.__getstate__()
    with pytest.raises(ValueError, match="damaged"):
        annals.Timex.__new__(annals.Timex).__setstate__(state[:-3])


@pytest.mark.parametrize("args, kwargs, exc, message", [
    ((b"on Monday", "2013-01-30"), {}, TypeError, "text must be str, not bytes"),
    ((None, "2013-01-30"), {}, TypeError, "text must be str, not NoneType"),
    (("on Monday", 20130130), {}, TypeError, "dct must be a datetime.date or a 'YYYY-MM-DD' str"),
    (("on Monday", "2013-02-30"), {}, ValueError, "'2013-02-30' is not a date"),
    (("on Monday", "30/01/2013"), {}, ValueError, "is not a date YYYY-MM-DD"),
    (("on Monday", ""), {}, ValueError, "is not a date"),
    (("on Monday", "2013-01-30"), {"type": "poem"}, ValueError, "'news' or 'narrative'"),
    (("on Monday", "2013-01-30"), {"type": 1}, TypeError, "type must be str"),
    (("on Monday",), {}, TypeError, ""),
    (("on Monday", "2013-01-30"), {"tz": "UTC"}, TypeError, ""),
])
def test_bad_arguments(args, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        annals.tag(*args, **kwargs)


def test_lone_surrogate_is_value_error():
    with pytest.raises(ValueError):  # UnicodeEncodeError
        annals.tag("on Monday \ud800", "2013-01-30")


def test_threads_give_the_same_results(seed):
    dct, text, _ = seed
    texts = [text[i:] for i in range(0, 2000, 50)]
    want = [annals.tag(t, dct) for t in texts]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: annals.tag(t, dct), texts))
    assert got == want


def test_gil_is_released_while_tagging(seed):
    """Another Python thread keeps running while a long tag() call works."""
    _, text, _ = seed
    big = text * 8000  # ~20 MB: tagging takes most of a second or more
    done = threading.Event()
    result = []

    def work():
        result.append(len(annals.tag(big, "2013-01-30")))
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    ticks = 0
    while not done.is_set():
        time.sleep(0.001)  # needs the GIL back each time
        ticks += 1
    worker.join()
    assert result == [7 * 8000]
    # Were the GIL held during tag(), this loop could not run in between.
    assert ticks >= 10
