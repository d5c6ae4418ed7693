def loops(n):
    total = 0
    for i in range(n):
        if i % 2:
            continue
        while total < 100:
            total += i
            if total > 50:
                break
        else:
            total -= 1
    return total


def handlers(path):
    try:
        f = open(path)
    except (OSError, ValueError) as e:
        print("failed", e)
        raise RuntimeError("wrapped") from e
    else:
        with f:
            return f.read()
    finally:
        print("done")


def star_handlers():
    try:
        raise ExceptionGroup("g", [TypeError()])
    except* TypeError as group:
        print(group)
    except* ValueError:
        pass


def matching(command):
    match command:
        case ["go", direction]:
            return direction
        case {"action": action, **rest}:
            return action, rest
        case Point(x=0, y=yy) if yy > 0:
            return yy
        case 1 | 2 | None:
            return "small"
        case str() as s:
            return s
        case _:
            return None


async def coro(session, urls):
    async with session.get(urls[0]) as response:
        data = await response.read()
    async for chunk in response:
        yield chunk
    return
