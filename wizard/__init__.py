from . import sale_advance_payment_inv
