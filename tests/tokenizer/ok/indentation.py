if True:
    x = 1
    if x:
        pass
    # a comment at another level
        # and another
  
    y = [
  1,
          2]
else:
  z = (1 +
       2) \
      + 3
def f(): return 1
class C:
    def m(self):
        pass



x = 2
