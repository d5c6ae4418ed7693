# User-defined exceptions: extra fields, custom __str__, hierarchy of application errors.
class AppError(Exception):
    pass


class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem

    def __str__(self):
        return f"{self.field}: {self.problem}"


try:
    raise ValidationError("age", "must be positive")
except AppError as e:
    print(type(e).__name__, e, e.args, repr(e), e.field)


class NoInit(Exception):
    def __init__(self):
        pass


print(repr(NoInit()), str(NoInit()), NoInit().args)
raise ValidationError("email", "missing @")
