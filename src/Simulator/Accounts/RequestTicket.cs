namespace Rainforest.Simulator.Accounts;

/// <summary>A request's place in its account's sequence and the settings in force when it arrived (null: account removed).</summary>
internal readonly record struct RequestTicket(long Sequence, AccountSettings? Settings);
