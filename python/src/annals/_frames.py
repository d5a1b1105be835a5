"""pandas DataFrames of tag results and timelines.

pandas is optional: it is imported when a frame is asked for, never when
annals is imported (import stays fast, and annals works without pandas).
"""

TAG_COLUMNS = ["doc_id", "begin", "end", "text", "type", "value", "mod", "first", "last"]
TIMELINE_COLUMNS = ["date", "date_rank", "date_score", "rank", "text", "doc_id", "published",
                    "score"]


def _pandas(what):
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            f"{what} needs pandas, which is not installed: `pip install pandas` "
            "(or Debian's `apt install python3-pandas`); the rest of annals works without it"
        ) from e
    return pandas


def _dates(pd, values):
    """datetime64 of datetime.date values (None -> NaT). pandas' datetime64[ns]
    spans only 1677-2262; a column with a day outside ("in 1500") stays
    datetime.date objects rather than losing that day."""
    series = pd.Series(values, dtype=object)
    try:
        return pd.to_datetime(series)
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        return series


def _documents(results, doc_id):
    """(doc_id, timexes) pairs of whatever to_frame() was given."""
    from ._annals import AnnotatedDocument, Timex

    if isinstance(results, AnnotatedDocument):
        return [(results.id, results.timexes)]
    if isinstance(results, dict):
        return list(results.items())
    items = list(results)
    if all(isinstance(t, Timex) for t in items):  # one document's tag() result
        return [(doc_id, items)]
    out = []
    for i, item in enumerate(items):
        if isinstance(item, AnnotatedDocument):
            out.append((item.id, item.timexes))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            out.append((item[0], list(item[1])))
        else:
            raise TypeError(
                f"to_frame: results[{i}] is {type(item).__name__}; expected a Timex, an "
                "AnnotatedDocument or a (doc_id, [Timex]) pair")
    return out


def to_frame(results, doc_id=None):
    """A pandas DataFrame of tag results, one row per time expression.

    results: tag()'s list of Timex (one document; its rows get `doc_id`), a
    {doc_id: [Timex]} dict or (doc_id, [Timex]) pairs, or AnnotatedDocuments
    from annotate().

    Columns: doc_id, begin, end (code-point offsets: text[begin:end]), text,
    type, value, mod (None when the expression has none), first, last (the
    calendar days the value covers, inclusive, as datetime64; NaT for
    durations, sets and vague values; a column with a day outside pandas'
    1677-2262 holds datetime.date objects instead). No results give an empty frame with
    these columns. Raises ImportError naming the fix when pandas is missing.
    """
    pd = _pandas("annals.to_frame")
    rows = {c: [] for c in TAG_COLUMNS}
    for did, timexes in _documents(results, doc_id):
        for t in timexes:
            interval = t.interval
            rows["doc_id"].append(did)
            rows["begin"].append(t.begin)
            rows["end"].append(t.end)
            rows["text"].append(t.text)
            rows["type"].append(t.type)
            rows["value"].append(t.value)
            rows["mod"].append(t.mod)
            rows["first"].append(interval[0] if interval else None)
            rows["last"].append(interval[1] if interval else None)
    frame = pd.DataFrame({
        "doc_id": pd.Series(rows["doc_id"], dtype=object),
        "begin": pd.Series(rows["begin"], dtype="int64"),
        "end": pd.Series(rows["end"], dtype="int64"),
        "text": pd.Series(rows["text"], dtype=object),
        "type": pd.Series(rows["type"], dtype=object),
        "value": pd.Series(rows["value"], dtype=object),
        "mod": pd.Series(rows["mod"], dtype=object),
        "first": _dates(pd, rows["first"]),
        "last": _dates(pd, rows["last"]),
    })
    return frame[TAG_COLUMNS]


def timeline_frame(self):
    """A pandas DataFrame of the timeline, one row per sentence.

    Columns: date (datetime64), date_rank (1 = the date with the highest
    score; ties by date), date_score, rank (the sentence's place among its
    date's sentences, 1 = first), text, doc_id (the article), published (the
    article's publication date, datetime64), score (the sentence's). In date
    order, as the timeline lists them. A timeline without dates gives an
    empty frame with these columns. Raises ImportError naming the fix when
    pandas is missing.
    """
    pd = _pandas("Timeline.to_frame")
    entries = self.entries
    order = sorted(range(len(entries)), key=lambda i: (-entries[i].score, entries[i].date))
    date_rank = {i: r + 1 for r, i in enumerate(order)}
    rows = {c: [] for c in TIMELINE_COLUMNS}
    for i, e in enumerate(entries):
        for k, s in enumerate(e.sentences):
            rows["date"].append(e.date)
            rows["date_rank"].append(date_rank[i])
            rows["date_score"].append(e.score)
            rows["rank"].append(k + 1)
            rows["text"].append(s.text)
            rows["doc_id"].append(s.doc_id)
            rows["published"].append(s.published)
            rows["score"].append(s.score)
    return pd.DataFrame({
        "date": _dates(pd, rows["date"]),
        "date_rank": pd.Series(rows["date_rank"], dtype="int64"),
        "date_score": pd.Series(rows["date_score"], dtype="float64"),
        "rank": pd.Series(rows["rank"], dtype="int64"),
        "text": pd.Series(rows["text"], dtype=object),
        "doc_id": pd.Series(rows["doc_id"], dtype=object),
        "published": _dates(pd, rows["published"]),
        "score": pd.Series(rows["score"], dtype="float64"),
    })[TIMELINE_COLUMNS]
