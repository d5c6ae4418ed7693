print("running nspkg.inner.__main__")
