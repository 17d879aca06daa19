"""extract() never raises on any string; values are finite; offsets slice to the surface; bounds
hold (quantulum3's test_hypothesis, with the contract's invariants)."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stats import extract

NEWSY = st.sampled_from([
    "at least", "more than", "nearly", "some", "between", "and", "or", "to", "-", "–", "1,2,3,4",
    "10^6", "1e308", "9" * 400, "0.000001", "3.6 million", "half a million", "half of whom",
    "hundreds of thousands", "dozens", "several", "a dozen", "one or two", "\"", "“", "'", "(", ")",
    "people", "civilians", "were killed", "fled", "according to", "the UN", "said", "Idlib",
    "since last December", "on Saturday", "2019", "6am", "00.01", "53,", "$", "%", "km", "\n",
    "\n\n", ".", ",", "Leave a Reply", "READ MORE", "https://x.org/2020/01/12/a1", "al-Numan",
    "twenty-five", "two-thirds", "per cent", "m", "bn", "under five", "aged", "Resolution",
])

TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(NEWSY, st.text(max_size=8), st.integers(-10**30, 10**30).map(str)),
             max_size=40).map(" ".join),
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extract_never_raises_and_keeps_invariants(text):
    for f in extract(text):
        assert text[f.start:f.end] == f.surface
        assert math.isfinite(f.value)
        if f.low is not None:
            assert math.isfinite(f.low) and f.low <= f.value * (1 + 1e-9)
        if f.high is not None:
            assert math.isfinite(f.high) and f.value <= f.high * (1 + 1e-9)
