"""`pwy export --to bpmn`: the pathway as BPMN 2.0 XML with its diagram (BPMN DI).

One collaboration with one pool (the pathway), a lane per level of need or per lead agency,
and the process built in bpmn_flow.py, laid out by bpmn_layout.py. Criteria are written as
`tExpression` conditions, BPMN's form for natural-language, non-executable expressions.
Every piece of pathway text goes through ElementTree, which escapes it, after `xml_text`
has replaced what XML 1.0 cannot hold at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx

from pathwaylang import __version__
from pathwaylang import model as m
from pathwaylang.interchange.bpmn_flow import Process, build_process
from pathwaylang.interchange.bpmn_layout import Bounds, Layout, lay_out

NAMESPACES = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
TARGET_NAMESPACE = "https://pathwaylang.org/bpmn"
ELEMENTS = {"start": "startEvent", "task": "task", "gateway": "exclusiveGateway",
            "end": "endEvent", "call": "callActivity"}
# Characters XML 1.0 cannot carry, even escaped (and the two non-characters U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def bpmn_xml(program: m.Program, graph: nx.MultiDiGraph, lanes: str = "level") -> str:
    """The BPMN 2.0 XML of the program's root pathway; runs Graphviz's `dot` for the diagram
    (raises graphviz_render.RenderError when it fails)."""
    process = build_process(program, graph, lanes)
    return process_xml(process, lay_out(process, keep_order=lanes == "level"))


def process_xml(process: Process, layout: Layout) -> str:
    root = ET.Element("bpmn:definitions", {
        **{f"xmlns:{prefix}": uri for prefix, uri in NAMESPACES.items()},
        "id": "Definitions_1",
        "targetNamespace": f"{TARGET_NAMESPACE}/{process.pathway_id}",
        "exporter": "pathwaylang", "exporterVersion": __version__,
    })
    collaboration = _sub(root, "bpmn:collaboration", id="Collaboration_1")
    _sub(collaboration, "bpmn:participant", id="Participant_1", name=process.title,
         processRef=_process_id(process))
    _process(root, process)
    _diagram(root, process, layout)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _process_id(process: Process) -> str:
    return f"Process_{process.pathway_id}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _process(root: ET.Element, process: Process) -> None:
    element = _sub(root, "bpmn:process", id=_process_id(process), name=process.title,
                   isExecutable="false")
    if process.documentation:
        _sub(element, "bpmn:documentation", process.documentation)
    lane_set = _sub(element, "bpmn:laneSet", id="LaneSet_1")
    for lane in process.lanes:
        lane_element = _sub(lane_set, "bpmn:lane", id=lane.id, name=lane.name)
        for node in process.nodes:
            if node.lane == lane.key:
                _sub(lane_element, "bpmn:flowNodeRef", node.id)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in process.flows:
        outgoing.setdefault(flow.source, []).append(flow.id)
        incoming.setdefault(flow.target, []).append(flow.id)
    for node in process.nodes:
        attributes = {"id": node.id, "name": node.name}
        if node.called:
            attributes["calledElement"] = node.called
        item = _sub(element, f"bpmn:{ELEMENTS[node.kind]}", **attributes)
        if node.documentation:
            _sub(item, "bpmn:documentation", node.documentation)
        for flow_id in incoming.get(node.id, []):
            _sub(item, "bpmn:incoming", flow_id)
        for flow_id in outgoing.get(node.id, []):
            _sub(item, "bpmn:outgoing", flow_id)
        if node.kind == "start":  # a referral or request arriving (see bpmn_flow.py)
            _sub(item, "bpmn:messageEventDefinition", id=f"{node.id}_message")
    for flow in process.flows:
        attributes = {"id": flow.id}
        if flow.name:
            attributes["name"] = flow.name
        item = _sub(element, "bpmn:sequenceFlow", **attributes, sourceRef=flow.source,
                    targetRef=flow.target)
        if flow.kind not in (None, "entry", "rejoin"):
            _sub(item, "bpmn:documentation", f"Route: {flow.kind}")
        if flow.condition is not None:
            _sub(item, "bpmn:conditionExpression", flow.condition)


def _diagram(root: ET.Element, process: Process, layout: Layout) -> None:
    diagram = _sub(root, "bpmndi:BPMNDiagram", id="Diagram_1")
    plane = _sub(diagram, "bpmndi:BPMNPlane", id="Plane_1", bpmnElement="Collaboration_1")
    _shape(plane, "Participant_1", layout.pool, isHorizontal="true")
    for lane in process.lanes:
        _shape(plane, lane.id, layout.lanes[lane.key], isHorizontal="true")
    for node in process.nodes:
        extra = {"isMarkerVisible": "true"} if node.kind == "gateway" else {}
        _shape(plane, node.id, layout.shapes[node.id], layout.labels.get(node.id), **extra)
    for flow in process.flows:
        edge = _sub(plane, "bpmndi:BPMNEdge", id=f"{flow.id}_di", bpmnElement=flow.id)
        for x, y in layout.waypoints[flow.id]:
            _sub(edge, "di:waypoint", x=str(x), y=str(y))
        if flow.id in layout.labels:
            _bounds(_sub(edge, "bpmndi:BPMNLabel"), layout.labels[flow.id])


def _shape(plane: ET.Element, element_id: str, bounds: Bounds, label: Bounds | None = None,
           **attributes: str) -> None:
    shape = _sub(plane, "bpmndi:BPMNShape", id=f"{element_id}_di", bpmnElement=element_id,
                 **attributes)
    _bounds(shape, bounds)
    if label is not None:
        _bounds(_sub(shape, "bpmndi:BPMNLabel"), label)


def _bounds(parent: ET.Element, bounds: Bounds) -> None:
    _sub(parent, "dc:Bounds", x=str(bounds.x), y=str(bounds.y), width=str(bounds.width),
         height=str(bounds.height))
