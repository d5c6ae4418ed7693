from __future__ import annotations

def f(a: Hidden, *args: Star, b: KwOnly = 1, **kw: DStar) -> Ret:
    local: LocalAnn = 1
    return local

x: ModuleAnn = 1
y: [comp for comp in things]

class C:
    attr: ClassAnn
    def m(self, p: ParamAnn) -> RetAnn:
        pass

def g[T](a: T) -> T:
    return a
