namespace Rainforest.Grains.Users;

/// <summary>
/// Refuses readings older than the last logged one. A gateway whose clock was set back (a reset, a firmware
/// update) would otherwise never be logged again until its clock caught up: its new timeline is believed once
/// enough readings in a row behind the last logged one have each moved forward; readings that keep going
/// backwards never are.
/// </summary>
public sealed class StaleReadingGuard(int acceptClockResetAfter)
{
    private int _readingsBehind;
    private ulong _lastBehind;

    /// <summary>True when the reading must not be logged; <paramref name="lastLogged"/> is the last logged gateway timestamp.</summary>
    public bool IsStale(ulong timeStamp, ulong lastLogged)
    {
        if (timeStamp >= lastLogged)
        {
            _readingsBehind = 0;
            return false;
        }
        _readingsBehind = _readingsBehind > 0 && timeStamp > _lastBehind ? _readingsBehind + 1 : 1;
        _lastBehind = timeStamp;
        if (_readingsBehind < acceptClockResetAfter) return true;
        _readingsBehind = 0;
        return false;
    }
}
