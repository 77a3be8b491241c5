namespace Kuajing.Tests.Tracking.Events;

/// <summary>
/// Test vectors of the GS1 reference implementation of the EPCIS Event Hash ID: github.com/RalphTro/epcis-event-hash-generator
/// (folders <c>tests/examples/documents</c> and <c>tests/examples/expected/CBV2.0</c>, as stored at commits d8d87463 / 084b0034).
/// Copyright (c) 2019 RalphTro (Ralph Tröger, GS1 Germany) and contributors; MIT License: "Permission is hereby granted, free
/// of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in
/// the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish,
/// distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do
/// so, subject to the following conditions: The above copyright notice and this permission notice shall be included in all
/// copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND."
/// The documents are copied unchanged except for indentation; expected hashes and pre-hash strings are the upstream files.
/// </summary>
internal static class Gs1HashVectors
{
    /// <summary>documents/ReferenceEventHashAlgorithm.xml (README "Example 1").</summary>
    public const string ReferenceXml = """
        <?xml version="1.0" ?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"
            xmlns:https="https://ns.example.com/epcis/"
            xmlns:example="https://ns.example.com/epcis/" schemaVersion="2.0"
            creationDate="2020-03-03T13:07:51.709Z"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xsi:schemaLocation="urn:epcglobal:epcis:xsd:2 EPCglobal-epcis-2_0.xsd">
            <EPCISBody>
                <EventList>
                    <ObjectEvent>
                        <eventTime>2020-03-04T11:00:30.000+01:00</eventTime>
                        <recordTime>2020-03-04T11:00:30.999+01:00</recordTime>
                        <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                        <epcList>
                            <epc>urn:epc:id:sscc:4012345.0000000333</epc>
                            <epc>urn:epc:id:sscc:4012345.0000000111</epc>
                            <epc>urn:epc:id:sscc:4012345.0000000222</epc>
                        </epcList>
                        <action>OBSERVE</action>
                        <bizStep>urn:epcglobal:cbv:bizstep:departing</bizStep>
                        <readPoint>
                            <id>urn:epc:id:sgln:4012345.00011.987</id>
                        </readPoint>
                        <example:myField1>
                            <example:mySubField1>2</example:mySubField1>
                            <example:mySubField2>5</example:mySubField2>
                        </example:myField1>
                        <example:myField2>0</example:myField2>
                        <example:myField3>
                            <example:mySubField3>3</example:mySubField3>
                            <example:mySubField3>1</example:mySubField3>
                        </example:myField3>
                    </ObjectEvent>
                </EventList>
            </EPCISBody>
        </epcis:EPCISDocument>
        """;

    /// <summary>documents/ReferenceEventHashAlgorithm.jsonld: the same event in JSON-LD.</summary>
    public const string ReferenceJsonLd = """
        {
          "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
            {
             "example": "https://ns.example.com/epcis/"
            }
          ],
          "id": "https://id.example.org/document1",
          "type": "EPCISDocument",
          "schemaVersion": "2.0",
          "creationDate": "2022-02-17T11:30:47.0Z",
          "epcisBody": {
            "eventList": [
              {
                "type": "ObjectEvent",
                "eventTime": "2020-03-04T11:00:30.000+01:00",
                "eventTimeZoneOffset": "+01:00",
                "recordTime": "2020-03-04T11:00:30.999+01:00",
                "epcList": [
                  "urn:epc:id:sscc:4012345.0000000333",
                  "urn:epc:id:sscc:4012345.0000000111",
                  "urn:epc:id:sscc:4012345.0000000222"
                ],
                "action": "OBSERVE",
                "bizStep": "departing",
                "readPoint": {
                  "id": "urn:epc:id:sgln:4012345.00011.987"
                },
                "example:myField1": {
                  "example:mySubField1": "2",
                  "example:mySubField2": "5"
                },
                "example:myField2": "0",
                "example:myField3": {
                  "example:mySubField3": [
                    "3",
                    "1"
                  ]
                }
              }
            ]
          }
        }
        """;

    /// <summary>expected/CBV2.0/ReferenceEventHashAlgorithm.hashes.</summary>
    public const string ReferenceHash = "ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0";

    /// <summary>documents/TimeStampRoundOff.jsonld: sub-millisecond times, Digital Links on another domain, bare CBV words, certificationInfo.</summary>
    public const string TimeStampRoundOffJsonLd = """
        {
          "@context": [
            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
          ],
          "type": "EPCISDocument",
          "schemaVersion": "2.0",
          "creationDate": "2023-02-02T11:05:00.0Z",
          "epcisBody": {
            "eventList": [
              {
                "type": "ObjectEvent",
                "eventTime": "2023-02-02T11:04:03.1415Z",
                "eventTimeZoneOffset": "+01:00",
                "epcList": [
                  "https://id.gs1.de/00/040123451111111110"
                ],
                "action": "OBSERVE",
                "bizStep": "shipping",
                "disposition": "in_transit",
                "readPoint": {
                  "id": "https://id.gs1.de/414/4012345000115"
                }
              },
              {
                "type": "ObjectEvent",
                "eventTime": "2023-02-02T11:04:03.1414Z",
                "eventTimeZoneOffset": "+01:00",
                "epcList": [
                  "https://id.gs1.de/00/040123451111111110"
                ],
                "action": "OBSERVE",
                "bizStep": "transporting",
                "readPoint": {
                  "id": "geo:50.947573340894124,6.922120147375441"
                }
              },
              {
                "type": "ObjectEvent",
                "eventTime": "2023-02-12T11:04:03.1415Z",
                "eventTimeZoneOffset": "+01:00",
                "certificationInfo": "https://accreditation-council.example.org/certificate/ABC12345",
                "epcList": [
                  "https://id.gs1.de/01/04012345999990/21/XYZ-1234"
                ],
                "action": "OBSERVE",
                "bizStep": "receiving",
                "disposition": "in_progress",
                "readPoint": {
                  "id": "https://id.gs1.de/414/4012345000115"
                },
                "sensorElementList": [
                  {
                    "sensorMetadata": {
                      "time": "2023-02-12T11:04:03.1007Z",
                      "bizRules": "https://id.example.com/253/4012345000054987"
                    },
                    "sensorReport": [
                      {
                        "type": "Dimensionless",
                        "exception": "ALARM_CONDITION",
                        "coordinateReferenceSystem": "http://www.opengis.net/def/crs/EPSG/0/27700"
                      }
                    ]
                  }
                ]
              }
            ]
          }
        }
        """;

    /// <summary>expected/CBV2.0/TimeStampRoundOff.prehashes.</summary>
    public static readonly string[] TimeStampRoundOffPreHashes =
    [
        "eventType=ObjectEventeventTime=2023-02-02T11:04:03.142ZeventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/00/040123451111111110action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transitreadPointid=https://id.gs1.org/414/4012345000115",
        "eventType=ObjectEventeventTime=2023-02-02T11:04:03.141ZeventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/00/040123451111111110action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-transportingreadPointid=geo:50.947573340894124,6.922120147375441",
        "eventType=ObjectEventeventTime=2023-02-12T11:04:03.142ZeventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/01/04012345999990/21/XYZ-1234action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-receivingdisposition=https://ref.gs1.org/cbv/Disp-in_progressreadPointid=https://id.gs1.org/414/4012345000115sensorElementsensorMetadatatime=2023-02-12T11:04:03.101ZbizRules=https://id.gs1.org/253/4012345000054987sensorReporttype=https://ref.gs1.org/voc/Dimensionlessexception=https://ref.gs1.org/voc/ALARM_CONDITIONcoordinateReferenceSystem=http://www.opengis.net/def/crs/EPSG/0/27700",
    ];

    /// <summary>expected/CBV2.0/TimeStampRoundOff.hashes.</summary>
    public static readonly string[] TimeStampRoundOffHashes =
    [
        "ni:///sha-256;af7658e711574363633f20b3dadc7bc4c13c6f612cf96d95e03c421c0e58f3c6?ver=CBV2.0",
        "ni:///sha-256;0550df44527332c1fe417c5837fe61b9e71eaa93307b88519dac549bf2d4dcf9?ver=CBV2.0",
        "ni:///sha-256;bf052637920f56c28bd6bc4ce10bb296203fcddc543f1e293d5a77b07592dcec?ver=CBV2.0",
    ];

    /// <summary>documents/ObjectEvent_all_possible_fields.xml: every ObjectEvent field, sensor data, ILMD, nested user extensions.</summary>
    public const string ObjectEventAllFieldsXml = """
        <?xml version='1.0' encoding='UTF-8'?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="urn:epcglobal:cbv:mda" schemaVersion="2.0" creationDate="2013-06-04T14:59:02.099+02:00">
            <EPCISBody>
                <EventList>
                    <ObjectEvent xmlns:ext2="http://example.com/ext2/" xmlns:ext1="http://example.com/ext1/" xmlns:ext3="http://example.com/ext3/">
                        <eventTime>2005-04-05T02:33:31.116Z</eventTime>
                        <eventTimeZoneOffset>-06:00</eventTimeZoneOffset>
                        <eventID>urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8</eventID>
                        <errorDeclaration>
                            <declarationTime>2006-11-07T14:00:00.000+01:00</declarationTime>
                            <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
                            <correctiveEventIDs>
                                <correctiveEventID>ni:///sha-256;fec9667280c4710a3fa9558b7bc8ddc2ced0dc442d87f82becae24bb6ca6a46f?ver=CBV2.0</correctiveEventID>
                            </correctiveEventIDs>
                        </errorDeclaration>
                        <certificationInfo>https://accreditation-council.example.org/certificate/ABC12345</certificationInfo>
                        <epcList>
                            <epc>urn:epc:id:sgtin:0614141.107346.2018</epc>
                        </epcList>
                        <action>ADD</action>
                        <bizStep>urn:epcglobal:cbv:bizstep:receiving</bizStep>
                        <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>
                        <readPoint>
                            <id>urn:epc:id:sgln:0012345.11111.400</id>
                        </readPoint>
                        <bizLocation>
                            <id>urn:epc:id:sgln:0012345.11111.0</id>
                        </bizLocation>
                        <bizTransactionList>
                            <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epc:id:gdti:0614141.00001.1618034</bizTransaction>
                            <bizTransaction type="urn:epcglobal:cbv:btt:pedigree">urn:epc:id:gsrn:0614141.0000010253</bizTransaction>
                        </bizTransactionList>
                        <quantityList>
                            <quantityElement>
                                <epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass>
                                <quantity>200.0</quantity>
                                <uom>KGM</uom>
                            </quantityElement>
                        </quantityList>
                        <sourceList>
                            <source type="urn:epcglobal:cbv:sdt:location">urn:epc:id:sgln:4012345.00225.0</source>
                            <source type="urn:epcglobal:cbv:sdt:possessing_party">urn:epc:id:pgln:4012345.00225</source>
                            <source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00225</source>
                        </sourceList>
                        <destinationList>
                            <destination type="urn:epcglobal:cbv:sdt:location">urn:epc:id:sgln:0614141.00777.0</destination>
                            <destination type="urn:epcglobal:cbv:sdt:possessing_party">urn:epc:id:pgln:0614141.00777</destination>
                            <destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:0614141.00777</destination>
                        </destinationList>
                        <sensorElementList>
                            <sensorElement>
                                <sensorMetadata time="2019-04-02T13:05:00Z" deviceID="urn:epc:id:giai:4000001.111" deviceMetadata="https://id.gs1.org/8004/4000001111"
                                                rawData="https://example.org/8004/401234599999" startTime="2019-04-02T12:55:01Z" endTime="2019-04-02T13:55:00Z"
                                                dataProcessingMethod="https://example.com/253/4012345000054987" bizRules="https://example.com/253/4012345000054987"
                                                ext1:someFurtherMetadata="someText"/>
                                <sensorReport type="gs1:Temperature" microorganism="https://www.ncbi.nlm.nih.gov/taxonomy/1126011"
                                              chemicalSubstance="https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N" time="2019-07-19T13:00:00Z" value="26.0"
                                              component="example:x" stringValue="SomeString" booleanValue="true" hexBinaryValue="f0f0f0" uriValue="https://id.gs1.org/8004/4000001111"
                                              minValue="26.0" maxValue="26.2" meanValue="13.2" sDev="0.1" percRank="50.0" percValue="12.7" deviceID="urn:epc:id:giai:4000001.111"
                                              deviceMetadata="https://id.gs1.org/8004/4000001111" rawData="https://example.org/8004/401234599999"
                                              dataProcessingMethod="https://example.com/253/4012345000054987" uom="CEL" ext1:someFurtherReportData="someText"/>
                                <ext1:float>20</ext1:float>
                                <ext1:time>2013-06-08T14:58:56.591Z</ext1:time>
                                <ext1:array>12</ext1:array>
                                <ext1:array>22</ext1:array>
                                <ext1:array>2013-06-08T14:58:56.591Z</ext1:array>
                                <ext1:array>true</ext1:array>
                                <ext1:array>stringInArray</ext1:array>
                                <ext1:array>
                                    <ext1:object>
                                        <ext1:object>
                                            <ext2:array>14</ext2:array>
                                            <ext2:array>23.0</ext2:array>
                                            <ext2:array>stringInArrayInObjectInArray</ext2:array>
                                            <ext2:object>
                                                <ext2:object>
                                                    <ext3:string>stringInObjectInObjectInArray</ext3:string>
                                                </ext2:object>
                                            </ext2:object>
                                            <ext2:int>13</ext2:int>
                                            <ext2:string>stringInObjectInArray</ext2:string>
                                        </ext1:object>
                                    </ext1:object>
                                </ext1:array>
                                <ext1:boolean>true</ext1:boolean>
                                <ext1:object>
                                    <ext2:array>11</ext2:array>
                                    <ext2:array>21</ext2:array>
                                    <ext2:array>stringInArrayInObject</ext2:array>
                                    <ext2:object>
                                        <ext2:object>
                                            <ext3:string>stringInObjectInObject</ext3:string>
                                        </ext2:object>
                                    </ext2:object>
                                    <ext2:string>stringInObject</ext2:string>
                                </ext1:object>
                                <ext1:default>stringAsDefaultValue</ext1:default>
                                <ext1:int>10</ext1:int>
                                <ext1:string>string</ext1:string>
                            </sensorElement>
                        </sensorElementList>
                        <persistentDisposition>
                            <unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>
                            <set>urn:epcglobal:cbv:disp:completeness_verified</set>
                        </persistentDisposition>
                        <ilmd>
                            <ext1:float>20</ext1:float>
                            <ext1:array>12</ext1:array>
                            <ext1:array>22</ext1:array>
                            <ext1:array>2013-06-08T14:58:56.591Z</ext1:array>
                            <ext1:array>true</ext1:array>
                            <ext1:array>stringInArray</ext1:array>
                            <ext1:array>
                                <ext1:object>
                                    <ext1:object>
                                        <ext2:array>14</ext2:array>
                                        <ext2:array>23.0</ext2:array>
                                        <ext2:array>stringInArrayInObjectInArray</ext2:array>
                                        <ext2:object>
                                            <ext2:object>
                                                <ext3:string>stringInObjectInObjectInArray</ext3:string>
                                            </ext2:object>
                                        </ext2:object>
                                        <ext2:int>13</ext2:int>
                                        <ext2:string>stringInObjectInArray</ext2:string>
                                    </ext1:object>
                                </ext1:object>
                            </ext1:array>
                            <ext1:object>
                                <ext2:array>11</ext2:array>
                                <ext2:array>21</ext2:array>
                                <ext2:array>stringInArrayInObject</ext2:array>
                                <ext2:object>
                                    <ext2:object>
                                        <ext3:string>stringInObjectInObject</ext3:string>
                                    </ext2:object>
                                </ext2:object>
                                <ext2:string>stringInObject</ext2:string>
                            </ext1:object>
                            <cbvmda:countryOfExport>KR</cbvmda:countryOfExport>
                            <cbvmda:grossWeight>3.5</cbvmda:grossWeight>
                            <ext1:int>10</ext1:int>
                            <cbvmda:netWeight>3.5</cbvmda:netWeight>
                            <ext1:time>2013-06-08T14:58:56.591Z</ext1:time>
                            <ext1:boolean>true</ext1:boolean>
                            <ext1:default>stringAsDefaultValue</ext1:default>
                            <ext1:string>string</ext1:string>
                            <cbvmda:countryOfOrigin>GB</cbvmda:countryOfOrigin>
                            <cbvmda:drainedWeight>3.5</cbvmda:drainedWeight>
                            <cbvmda:lotNumber>ABC123</cbvmda:lotNumber>
                        </ilmd>
                        <ext1:float>20</ext1:float>
                        <ext1:time>2013-06-08T14:58:56.591Z</ext1:time>
                        <ext1:array>12</ext1:array>
                        <ext1:array>22</ext1:array>
                        <ext1:array>2013-06-08T14:58:56.591Z</ext1:array>
                        <ext1:array>true</ext1:array>
                        <ext1:array>stringInArray</ext1:array>
                        <ext1:array>
                            <ext1:object>
                                <ext1:object>
                                    <ext2:array>14</ext2:array>
                                    <ext2:array>23.0</ext2:array>
                                    <ext2:array>stringInArrayInObjectInArray</ext2:array>
                                    <ext2:object>
                                        <ext2:object>
                                            <ext3:string>stringInObjectInObjectInArray</ext3:string>
                                        </ext2:object>
                                    </ext2:object>
                                    <ext2:int>13</ext2:int>
                                    <ext2:string>stringInObjectInArray</ext2:string>
                                </ext1:object>
                            </ext1:object>
                        </ext1:array>
                        <ext1:boolean>true</ext1:boolean>
                        <ext1:object>
                            <ext2:array>11</ext2:array>
                            <ext2:array>21</ext2:array>
                            <ext2:array>stringInArrayInObject</ext2:array>
                            <ext2:object>
                                <ext2:object>
                                    <ext3:string>stringInObjectInObject</ext3:string>
                                </ext2:object>
                            </ext2:object>
                            <ext2:string>stringInObject</ext2:string>
                        </ext1:object>
                        <ext1:default>stringAsDefaultValue</ext1:default>
                        <ext1:int>10</ext1:int>
                        <ext1:string>string</ext1:string>
                    </ObjectEvent>
                </EventList>
            </EPCISBody>
        </epcis:EPCISDocument>
        """;

    /// <summary>expected/CBV2.0/ObjectEvent_all_possible_fields.hashes.</summary>
    public const string ObjectEventAllFieldsHash = "ni:///sha-256;9811bfb2672e9c3a0f6151be339d22b60db375c8b23d2740f6137cc6539f0639?ver=CBV2.0";

    /// <summary>The standard part (up to the ILMD) of expected/CBV2.0/ObjectEvent_all_possible_fields.prehashes.</summary>
    public const string ObjectEventAllFieldsPreHashStart =
        "eventType=ObjectEventeventTime=2005-04-05T02:33:31.116ZeventTimeZoneOffset=-06:00epcListepc=https://id.gs1.org/01/10614141073464/21/2018quantityListquantityElementepcClass=https://id.gs1.org/01/04012345123456/10/998877quantity=200uom=KGMaction=ADDbizStep=https://ref.gs1.org/cbv/BizStep-receivingdisposition=https://ref.gs1.org/cbv/Disp-in_progresspersistentDispositionset=https://ref.gs1.org/cbv/Disp-completeness_verifiedunset=https://ref.gs1.org/cbv/Disp-completeness_inferredreadPointid=https://id.gs1.org/414/0012345111112/254/400bizLocationid=https://id.gs1.org/414/0012345111112bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pedigreebizTransaction=https://id.gs1.org/8018/061414100000102534type=https://ref.gs1.org/cbv/BTT-pobizTransaction=https://id.gs1.org/253/06141410000121618034sourceListtype=https://ref.gs1.org/cbv/SDT-locationsource=https://id.gs1.org/414/4012345002256type=https://ref.gs1.org/cbv/SDT-owning_partysource=https://id.gs1.org/417/4012345002256type=https://ref.gs1.org/cbv/SDT-possessing_partysource=https://id.gs1.org/417/4012345002256destinationListtype=https://ref.gs1.org/cbv/SDT-locationdestination=https://id.gs1.org/414/0614141007776type=https://ref.gs1.org/cbv/SDT-owning_partydestination=https://id.gs1.org/417/0614141007776type=https://ref.gs1.org/cbv/SDT-possessing_partydestination=https://id.gs1.org/417/0614141007776sensorElementsensorMetadatatime=2019-04-02T13:05:00.000ZstartTime=2019-04-02T12:55:01.000ZendTime=2019-04-02T13:55:00.000ZdeviceID=https://id.gs1.org/8004/4000001111deviceMetadata=https://id.gs1.org/8004/4000001111rawData=https://id.gs1.org/8004/401234599999dataProcessingMethod=https://id.gs1.org/253/4012345000054987bizRules=https://id.gs1.org/253/4012345000054987sensorReporttype=https://ref.gs1.org/voc/TemperaturedeviceID=https://id.gs1.org/8004/4000001111deviceMetadata=https://id.gs1.org/8004/4000001111rawData=https://id.gs1.org/8004/401234599999dataProcessingMethod=https://id.gs1.org/253/4012345000054987time=2019-07-19T13:00:00.000Zmicroorganism=https://www.ncbi.nlm.nih.gov/taxonomy/1126011chemicalSubstance=https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-Nvalue=26component=example:xstringValue=SomeStringbooleanValue=truehexBinaryValue=f0f0f0uriValue=https://id.gs1.org/8004/4000001111minValue=26maxValue=26.2meanValue=13.2sDev=0.1percRank=50percValue=12.7uom=CELilmd";
}
