x = 1 + \
    2
if x and \
   y:
    pass
s = [1,
     2,  # comment inside brackets

     3]
call(a,
  b)(
)
    \
y = 1
