# PEP 701 f-strings.
name = "x"
a = f"hello {name}!"
b = f'{name!r} {name!s} {name!a}'
c = f"{name=}" f"{name = }" f"{name=!r:>10}"
d = f"{3.14159:{10}.{2}f}" f"{name:{'>'}{10}}"
e = f"{f"{f"{name}"}"}"
f = f"{'quote'}" f'{"other"}' f"{"same"}"
g = f"{{literal}} {{{name}}} }}{{"
h = f"""multi
{name}
line {name:>{10}}"""
i = rf"raw \{name} \n" fR'{name}\t' Rf"\{{x}}"
j = f"{x:{y}.{z}}" f"{x!r:^20}" f"{x:=^10}"
k = f"\N{BULLET} {name}" f"{name}\N{DAGGER}"
l = f"{
    name
}"
m = f"{ {'a': 1}['a'] }" f"{(lambda: 1)()}" f"{x:{{}}}" if 0 else 0
n = f'{a}{b}{c}' F"" f'' f"""""" f''''''
o = f"{x # comment
}"
