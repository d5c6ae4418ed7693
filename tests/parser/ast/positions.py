# Locations that need care: unicode columns, continuation lines, parentheses.
é = "ünïcode"
x = (1 +
     2)
y = [
    a,
    b,  # comment
]
z = a \
    + b
if x: pass; y = 2;
def f(): return (
    1
)
result = func(
    arg)[0].attr
