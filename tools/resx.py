#!/usr/bin/env python3
"""Writes a .resx file from a JSON object of {english key: translation}. Keeps keys sorted so diffs stay small.
Usage: tools/resx.py translations.json out.resx   (or merge: tools/resx.py --merge new.json existing.resx)"""
import json, sys
from xml.sax.saxutils import escape
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def read(path):
    try:
        root = ET.parse(path).getroot()
    except (FileNotFoundError, ET.ParseError):
        return {}
    return {d.get('name'): d.find('value').text or '' for d in root.findall('data')}

def write(entries, path):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for key in sorted(entries):
            f.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(entries[key])}</value></data>\n')
        f.write('</root>\n')

if __name__ == '__main__':
    args = sys.argv[1:]
    merge = args[0] == '--merge'
    if merge:
        args = args[1:]
    new = json.load(open(args[0], encoding='utf-8'))
    entries = read(args[1]) if merge else {}
    entries.update(new)
    write(entries, args[1])
