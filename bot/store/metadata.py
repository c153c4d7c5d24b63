"""The one MetaData of the application database; every table module registers here."""

import sqlalchemy as sa

metadata = sa.MetaData()
