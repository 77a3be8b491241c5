namespace Kuajing.Tracking.Numbers;

/// <summary>
/// An in-memory <see cref="INumberIndex"/>: dictionaries keyed by the number's lookup key. Thread-safe (one lock);
/// <see cref="Resolve(string)"/> does not allocate for numbers up to 64 characters apart from the returned list.
/// </summary>
public sealed class InMemoryNumberIndex : INumberIndex
{
    private readonly CarrierNumberValidator _validator;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KeyEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<S10TrackingNumber, List<CarrierNumberLink>> _byShipment = [];

    /// <summary>Creates an empty index.</summary>
    /// <param name="validator">Validates each carrier number before it is linked.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="validator"/> is <see langword="null"/>.</exception>
    public InMemoryNumberIndex(CarrierNumberValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _validator = validator;
    }

    /// <summary>Number of distinct lookup keys (shipment numbers and carrier numbers).</summary>
    public int KeyCount
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <inheritdoc/>
    public NumberLinkResult Link(S10TrackingNumber shipmentNumber, int legSequence, CarrierNumberKind kind, string carrierNumber)
    {
        if (shipmentNumber.Country.Value is null)
        {
            throw new ArgumentException("shipment number is default (not an S10 number)", nameof(shipmentNumber));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(legSequence, 1);
        ArgumentNullException.ThrowIfNull(carrierNumber);
        var check = _validator.Check(kind, carrierNumber);
        if (!check.IsValid)
        {
            return new NumberLinkResult(check, null, false, check.Reason);
        }

        var ownKey = shipmentNumber.ToString();
        lock (_lock)
        {
            if (_byKey.TryGetValue(ownKey, out var own) && own.Shipments.Exists(s => s != shipmentNumber))
            {
                return new NumberLinkResult(check, null, false, $"shipment number {ownKey} is already linked as a parcel number of shipment {own.Shipments.Find(s => s != shipmentNumber)}");
            }

            if (_byKey.TryGetValue(check.Key, out var entry))
            {
                var other = entry.Shipments.Find(s => s != shipmentNumber);
                if (other != default && (entry.OneParcel || kind.IdentifiesOneParcel()))
                {
                    return new NumberLinkResult(
                        check,
                        null,
                        false,
                        $"{kind} {check.Number} is already linked to shipment {other}; a parcel number identifies one shipment");
                }
            }

            var links = _byShipment.TryGetValue(shipmentNumber, out var existing) ? existing : null;
            var duplicate = links?.Find(l => l.LegSequence == legSequence && l.Kind == kind && l.Key == check.Key);
            if (duplicate is not null)
            {
                return new NumberLinkResult(check, duplicate, true, null);
            }

            if (links is null)
            {
                links = [];
                _byShipment.Add(shipmentNumber, links);
                Add(ownKey, shipmentNumber, oneParcel: true);
            }

            var link = new CarrierNumberLink(shipmentNumber, legSequence, kind, check.Number, check.Key, check.Carrier);
            links.Add(link);
            Add(check.Key, shipmentNumber, kind.IdentifiesOneParcel());
            return new NumberLinkResult(check, link, false, null);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<S10TrackingNumber> Resolve(string anyNumber)
    {
        ArgumentNullException.ThrowIfNull(anyNumber);
        Span<char> buffer = anyNumber.Length <= 64 ? stackalloc char[anyNumber.Length] : new char[anyNumber.Length];
        var key = buffer[..NumberText.Key(anyNumber, buffer)];
        lock (_lock)
        {
            return _byKey.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var entry)
                ? entry.Shipments.ToArray()
                : [];
        }
    }

    /// <summary>The carrier numbers linked to a shipment.</summary>
    /// <param name="shipmentNumber">The shipment's Kuajing S10 number.</param>
    /// <returns>The shipment's numbers, ordered by leg then link order; no links when the shipment is unknown.</returns>
    public ShipmentNumbers NumbersOf(S10TrackingNumber shipmentNumber)
    {
        lock (_lock)
        {
            return new ShipmentNumbers(
                shipmentNumber,
                _byShipment.TryGetValue(shipmentNumber, out var links) ? [.. links.OrderBy(l => l.LegSequence)] : []);
        }
    }

    private void Add(string key, S10TrackingNumber shipment, bool oneParcel)
    {
        if (!_byKey.TryGetValue(key, out var entry))
        {
            entry = new KeyEntry();
            _byKey.Add(key, entry);
        }

        entry.OneParcel |= oneParcel;
        if (!entry.Shipments.Contains(shipment))
        {
            entry.Shipments.Add(shipment);
        }
    }

    private sealed class KeyEntry
    {
        public List<S10TrackingNumber> Shipments { get; } = [];

        public bool OneParcel { get; set; }
    }
}
