# Non-ASCII identifiers, soft keywords and keywords are all NAME tokens.
été = 1
ﬁle = 2
Ωmega_ñ = été + ﬁle
变量 = "value"
match match:
    case case if type:
        _ = type
type X = int
async def f(): await g()
x€ = 3
