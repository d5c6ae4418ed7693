# assert with and without messages; an uncaught AssertionError at the end.
assert True
assert 1 == 1, "not shown"
try:
    assert 1 > 2
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert [], f"empty list {[]}"
except AssertionError as e:
    print(type(e).__name__, e)
data = [1, 2, 3]
assert len(data) == 4, f"expected 4 items, got {len(data)}"
