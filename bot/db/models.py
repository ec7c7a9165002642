"""Regions, municipalities, places, postcodes and help points (issue 5's data), with real
foreign keys. Dates are dates; nothing here is money."""
from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint

from bot.db.base import Base


class Region(Base):
    """An arbeidsmarktregio (CBS code AMxx)."""

    __tablename__ = "regions"
    code = Column(String(4), primary_key=True)
    name = Column(String(100), nullable=False)


class Municipality(Base):
    __tablename__ = "municipalities"
    cbs_code = Column(String(4), primary_key=True)
    name = Column(String(100), nullable=False)
    region_code = Column(String(4), ForeignKey("regions.code"), nullable=False, index=True)


class Place(Base):
    """A woonplaats or another name people use for it (alias)."""

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("name", "municipality_code",
                                       name="uq_places_name_municipality"),)
    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False, index=True)
    municipality_code = Column(String(4), ForeignKey("municipalities.cbs_code"), nullable=False)
    kind = Column(String(20), nullable=False)


class Postcode(Base):
    """A four-digit postcode and a municipality it lies in (48 postcodes lie in two)."""

    __tablename__ = "postcodes"
    pc4 = Column(String(4), primary_key=True)
    municipality_code = Column(String(4), ForeignKey("municipalities.cbs_code"), primary_key=True)


class HelpPoint(Base):
    """An informatiepunt or regional help desk on record, with its source and check date.
    `last_checked` is the day someone checked the record; `source_date` the date of its source."""

    __tablename__ = "help_points"
    id = Column(Integer, primary_key=True)
    region_code = Column(String(4), ForeignKey("regions.code"), nullable=False, index=True)
    name = Column(String(200), nullable=False)
    address = Column(Text, nullable=False)
    email = Column(String(200))
    website = Column(String(300))
    phone = Column(String(50))
    opening_hours = Column(Text)
    languages = Column(String(50))
    status = Column(String(20), nullable=False)
    source = Column(String(500), nullable=False)
    last_checked = Column(Date, nullable=False)
    source_date = Column(Date)
