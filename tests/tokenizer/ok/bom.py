x = "bom"
# coding: utf-8
